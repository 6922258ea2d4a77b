/** Sign in with a code, the device side (RFC 8628): ask for a code pair, then poll for the tokens. */
import type { AddressInfo } from 'node:net';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API, type DeviceCodeResponse, type SignInResponse } from '../../shared/api';
import { deviceCodeBody, deviceTokenBody } from '../../shared/api-schemas';
import { accountSummary, getAccount } from '../accounts';
import type { ServerContext } from '../context';
import { issueDeviceCode, pollDeviceCode } from '../device-codes';
import { ApiError } from '../errors';
import { approximateLocation } from '../location';
import { createSession } from '../sessions';
import { ACTIVATE_PATH } from '../web/activate-pages';

/** A Host header we are willing to put in a link: a DNS name, IPv4 or [IPv6], with an optional port. */
const SANE_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$/i;

/**
 * The origin the client used to reach the service (protocol + Host header), for links it will
 * show. A missing or odd Host header falls back to the address the request arrived on.
 */
export function requestOrigin(request: FastifyRequest): string {
  const protocol = request.protocol === 'https' ? 'https' : 'http';
  const host = request.headers.host;
  if (typeof host === 'string' && host.length <= 260 && SANE_HOST.test(host)) {
    const port = /:(\d+)$/.exec(host)?.[1];
    if (port === undefined || Number(port) <= 65535) return `${protocol}://${host.toLowerCase()}`;
  }
  const local = request.socket?.localAddress ? { address: request.socket.localAddress, port: request.socket.localPort } : undefined;
  const address = local ?? (request.server.server.address() as AddressInfo | null);
  if (!address || !address.address) return `${protocol}://localhost`;
  const ip = address.address.startsWith('::ffff:') ? address.address.slice(7) : address.address;
  const printable = ip.includes(':') ? `[${ip}]` : ip;
  return `${protocol}://${printable}${address.port ? `:${address.port}` : ''}`;
}

/** Registers POST API.deviceCode and POST API.deviceToken (no auth: the device has no session yet). */
export function registerDeviceAuthRoutes(instance: FastifyInstance, ctx: ServerContext): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, hub, accessTtlMs, deviceCodes } = ctx;

  app.post(API.deviceCode, { schema: { body: deviceCodeBody } }, async (request): Promise<DeviceCodeResponse> => {
    const issued = issueDeviceCode(db, request.body.device, approximateLocation(request.ip), deviceCodes, request.ip);
    const verificationUri = `${requestOrigin(request)}${ACTIVATE_PATH}`;
    return {
      deviceCode: issued.deviceCode,
      userCode: issued.userCode,
      verificationUri,
      verificationUriComplete: `${verificationUri}?code=${encodeURIComponent(issued.userCode)}`,
      expiresIn: issued.expiresIn,
      interval: issued.interval,
    };
  });

  app.post(API.deviceToken, { schema: { body: deviceTokenBody } }, async (request): Promise<SignInResponse> => {
    const location = approximateLocation(request.ip);
    // The session is created in the same transaction that uses the code up: a code signs in once.
    const { response, accountId } = pollDeviceCode(db, request.body.deviceCode, deviceCodes, (accountId, device) => {
      const account = getAccount(db, accountId);
      if (!account) throw new ApiError(400, 'expired_token', 'This sign-in code has expired. Ask for a new one.');
      const session = createSession(db, accountId, device, 'device', { location, accessTtlMs });
      const signedIn: SignInResponse = { ...session.tokens!, deviceId: session.deviceId, account: accountSummary(account) };
      return { response: signedIn, accountId };
    });
    hub.devicesChanged(accountId);
    return response;
  });
}
