/** The devices API (list, rename, remote sign-out, profile in use) and the password change. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { API, type DevicesResponse } from '../../shared/api';
import { changePasswordBody, currentProfileBody, idParams, passwordOptionalBody, renameDeviceBody } from '../../shared/api-schemas';
import { getProfile } from '../accounts';
import type { ServerContext } from '../context';
import { checkDeviceName, listDevices, renameDevice, setLastProfile } from '../devices';
import { ApiError } from '../errors';
import { approximateLocation } from '../location';
import { changePassword } from '../password-change';
import { requireUnlocked } from '../profile-locks';
import { passwordNeededToSignOutDevice, requireAccountPassword } from '../household';
import { touchSession } from '../sessions';
import { bearerAuth } from './api';

/** The route pattern of API.device(id), derived from the contract's collection path. */
const DEVICE_ROUTE = `${API.devices}/:id`;
const MAX_ID_LENGTH = 100;

const noDevice = () => new ApiError(404, 'not_found', 'That device is not signed in to this account.');

/** Registers the devices and password routes. */
export function registerDeviceRoutes(instance: FastifyInstance, ctx: ServerContext): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, hub, revoker } = ctx;
  const { auth, authed } = bearerAuth(ctx);

  app.get(API.devices, authed, async (request): Promise<DevicesResponse> => {
    const session = auth(request);
    touchSession(db, session, approximateLocation(request.ip));
    return { devices: listDevices(db, session.accountId, session.deviceId) };
  });

  app.patch(
    DEVICE_ROUTE,
    { ...authed, schema: { params: idParams, body: renameDeviceBody } },
    async (request, reply) => {
      const session = auth(request);
      const name = checkDeviceName(request.body.name);
      const { id } = request.params;
      if (id.length > MAX_ID_LENGTH || !renameDevice(db, session.accountId, id, name)) throw noDevice();
      hub.devicesChanged(session.accountId, session.id);
      return reply.code(204).send();
    },
  );

  app.delete(DEVICE_ROUTE, { ...authed, schema: { params: idParams, body: passwordOptionalBody } }, async (request, reply) => {
    const session = auth(request);
    const { id } = request.params;
    if (id.length > MAX_ID_LENGTH) throw noDevice();
    await requireAccountPassword(db, session, passwordNeededToSignOutDevice(db, session, id), request.body?.password);
    // Removing the caller's own device is just signing out here, so it reads as one.
    const reason = id === session.deviceId ? 'user' : 'device-removed';
    if (revoker.signOutDevice(session.accountId, id, reason) === 0) throw noDevice();
    return reply.code(204).send();
  });

  app.post(API.currentProfile, { ...authed, schema: { body: currentProfileBody } }, async (request, reply) => {
    const session = auth(request);
    const profile = getProfile(db, session.accountId, request.body.profileId);
    if (!profile) throw new ApiError(404, 'not_found', 'That profile was not found on this account.');
    requireUnlocked(db, session, profile.id);
    setLastProfile(db, session.deviceId, profile.id);
    touchSession(db, session, approximateLocation(request.ip));
    hub.devicesChanged(session.accountId, session.id);
    return reply.code(204).send();
  });

  app.post(API.password, { ...authed, schema: { body: changePasswordBody } }, async (request, reply) => {
    const session = auth(request);
    await changePassword(db, revoker, session, request.body);
    return reply.code(204).send();
  });
}
