/** The control API for tests and demos (only registered with `control: true`). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { CONTROL } from '../../shared/api';
import { findAccountByEmail, normalizeEmail } from '../accounts';
import { decideDeviceCode, expireDeviceCode, findDeviceCode, listPendingDeviceCodes } from '../device-codes';
import type { ServerContext } from '../context';
import { deviceAccountId, deviceLabels, findLiveDevicesByName } from '../devices';
import { ApiError } from '../errors';
import { OUTAGE_LIMITS } from '../outage';
import { setGuessingLimits } from '../guessing';
import {
  approveDeviceCodeBody,
  createAccountBody,
  expireDeviceCodeBody,
  outageBody,
  PLAYBACK_NETWORK_FIELDS,
  playbackNetworkBody,
  planBody,
  planQuery,
  rateLimitsBody,
  revokeAllBody,
  revokeDeviceBody,
  seedBody,
} from '../control-schemas';
import { AccountExistsError, createAccount, PlanUnknownError, resetData, setAccountPlan } from '../seed';
import { activeStreams } from '../playback-streams';
import { findPlan, planOf } from '../../shared/plans';

/** Paths under this prefix are never affected by an outage. */
export const CONTROL_PREFIX = '/control/';

/** Registers the control routes. */
export function registerControlRoutes(instance: FastifyInstance, { db, hub, revoker, outage, deviceCodes, playback }: ServerContext): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  app.post(CONTROL.reset, async () => {
    // A reset is a fresh service: any outage or network condition being played ends too.
    outage.set('normal');
    playback.network.clear();
    await resetData(db);
    // Every session is gone with the wipe; tell every open stream it has expired.
    const streamsClosed = hub.revokeEverything('expired');
    return { ok: true, streamsClosed };
  });

  app.post(CONTROL.revokeAll, { schema: { body: revokeAllBody } }, async (request) => {
    const account = findAccountByEmail(db, request.body.email);
    if (!account) throw new ApiError(404, 'not_found', 'No account found for that email.');
    const streamsBefore = hub.countForAccount(account.id);
    const revoked = revoker.signOutAll(account.id, 'all-devices');
    return { revoked, streamsClosed: streamsBefore };
  });

  app.post(
    CONTROL.revokeDevice,
    { schema: { body: revokeDeviceBody } },
    async (request) => {
      const { deviceId, email, deviceName } = request.body ?? {};
      let targets: { accountId: string; deviceId: string }[];
      if (deviceId !== undefined) {
        const accountId = deviceAccountId(db, deviceId);
        targets = accountId ? [{ accountId, deviceId }] : [];
      } else if (email !== undefined && deviceName !== undefined) {
        const account = findAccountByEmail(db, email);
        targets = account ? findLiveDevicesByName(db, account.id, deviceName).map((id) => ({ accountId: account.id, deviceId: id })) : [];
      } else {
        throw new ApiError(400, 'invalid_request', 'Send {deviceId}, or {email, deviceName}.');
      }
      let revoked = 0;
      for (const t of targets) revoked += revoker.signOutDevice(t.accountId, t.deviceId, 'device-removed');
      if (revoked === 0) throw new ApiError(404, 'not_found', 'No signed-in device matches.');
      return { revoked, deviceIds: targets.map((t) => t.deviceId) };
    },
  );

  app.post(CONTROL.outage, { schema: { body: outageBody } }, async (request) => {
    const { mode, forMs = OUTAGE_LIMITS.defaultForMs, delayMs = OUTAGE_LIMITS.defaultDelayMs } = request.body;
    const state = outage.set(mode, forMs, delayMs);
    // Down: every open stream goes away with 1001, which clients treat as "reconnect later".
    const streamsClosed = mode === 'down' ? hub.dropAll('service unavailable') : 0;
    return { ...state, streamsClosed };
  });

  // Tests and demos that sign in many times in a row lift the guessing limits, then put them back.
  app.post(CONTROL.rateLimits, { schema: { body: rateLimitsBody } }, async (request) => {
    setGuessingLimits(db, request.body.enabled);
    return { enabled: request.body.enabled };
  });

  app.get(CONTROL.streams, async () => {
    const streams = hub.list();
    const labels = deviceLabels(
      db,
      streams.map((s) => s.deviceId),
    );
    return {
      streams: streams.map(({ accountEmail, deviceId, sessionId, connectedAt }) => ({
        accountEmail,
        deviceId,
        sessionId,
        connectedAt,
        deviceName: labels.get(deviceId)?.deviceName ?? null,
        lastProfile: labels.get(deviceId)?.lastProfile ?? null,
      })),
    };
  });

  app.post(CONTROL.accounts, { schema: { body: createAccountBody } }, async (request, reply) => {
    try {
      const created = await createAccount(db, request.body);
      return reply.code(201).send({ account: created.account, profiles: created.profiles });
    } catch (err) {
      if (err instanceof AccountExistsError) throw new ApiError(409, 'conflict', 'An account with that email already exists.');
      if (err instanceof PlanUnknownError) throw new ApiError(400, 'invalid_request', err.message).about('plan');
      throw err;
    }
  });

  app.post(CONTROL.seed, { schema: { body: seedBody } }, async (request) => {
    // Every plan checked first, so a bad one creates nothing.
    for (const input of request.body.accounts) {
      if (input.plan !== undefined && !findPlan(input.plan)) throw new ApiError(400, 'invalid_request', new PlanUnknownError(input.plan).message).about('plan');
    }
    const created: string[] = [];
    const existing: string[] = [];
    for (const input of request.body.accounts) {
      try {
        created.push((await createAccount(db, input)).account.email);
      } catch (err) {
        if (!(err instanceof AccountExistsError)) throw err;
        existing.push(normalizeEmail(input.email));
      }
    }
    return { created, existing };
  });

  // Sign in with a code: list the pending codes, approve one for an account as the activation
  // page would, or make one expire now (the TV then asks for a new code by itself).
  app.get(CONTROL.deviceCodes, async () => listPendingDeviceCodes(db, deviceCodes.now()));

  app.post(
    CONTROL.approveDeviceCode,
    { schema: { body: approveDeviceCodeBody } },
    async (request) => {
      const { userCode, email } = request.body;
      const account = findAccountByEmail(db, email);
      if (!account) throw new ApiError(404, 'not_found', 'No account found for that email.');
      const now = deviceCodes.now();
      const outcome = decideDeviceCode(db, userCode, { approve: account.id }, now);
      if (outcome === 'unknown') throw new ApiError(404, 'not_found', 'No sign-in code matches.');
      if (outcome === 'expired') throw new ApiError(409, 'expired_token', 'That sign-in code has expired.');
      if (outcome === 'already-decided') throw new ApiError(409, 'conflict', 'That sign-in code was already approved, denied or used.');
      const info = findDeviceCode(db, userCode, now)!;
      return { ok: true, userCode: info.userCode, deviceName: info.deviceName };
    },
  );

  app.post(CONTROL.expireDeviceCode, { schema: { body: expireDeviceCodeBody } }, async (request) => {
    if (!expireDeviceCode(db, request.body.userCode, deviceCodes.now())) throw new ApiError(404, 'not_found', 'No sign-in code matches.');
    return { ok: true };
  });

  // The account's plan: how many of its devices may stream at once.
  app.post(CONTROL.plan, { schema: { body: planBody } }, async (request) => {
    const account = findAccountByEmail(db, request.body.email);
    if (!account) throw new ApiError(404, 'not_found', 'No account found for that email.').about('email');
    try {
      const plan = setAccountPlan(db, account.id, request.body.plan);
      return { email: account.email, plan: plan.label, maxStreams: plan.maxStreams };
    } catch (err) {
      if (err instanceof PlanUnknownError) throw new ApiError(400, 'invalid_request', err.message).about('plan');
      throw err;
    }
  });

  app.get(CONTROL.plan, { schema: { querystring: planQuery } }, async (request) => {
    const account = findAccountByEmail(db, request.query.email);
    if (!account) throw new ApiError(404, 'not_found', 'No account found for that email.').about('email');
    const plan = planOf(account.plan);
    return { email: account.email, plan: plan.label, maxStreams: plan.maxStreams, streams: activeStreams(db, account.id, playback.now()) };
  });

  // The network media segments meet, per device or for every device (see CONTROL.playbackNetwork).
  app.get(CONTROL.playbackNetwork, async () => ({ conditions: playback.network.list() }));

  app.post(CONTROL.playbackNetwork, { schema: { body: playbackNetworkBody } }, async (request) => {
    const body = request.body;
    const unknown = Object.keys(body).find((key) => !PLAYBACK_NETWORK_FIELDS.includes(key));
    if (unknown) throw new ApiError(400, 'invalid_request', `Unknown field "${unknown}": send ${PLAYBACK_NETWORK_FIELDS.join(', ')}.`).about(unknown);
    if (body.deviceId !== undefined && !deviceAccountId(db, body.deviceId)) throw new ApiError(404, 'not_found', 'No device with that id.').about('deviceId');
    const { deviceId, forMs, ...knobs } = body;
    return playback.network.set(deviceId ?? null, knobs, forMs);
  });
}
