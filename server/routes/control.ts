/** The control API for tests and demos (only registered with `control: true`). */
import type { FastifyInstance } from 'fastify';
import { CONTROL } from '../../shared/api';
import { findAccountByEmail } from '../accounts';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { createAccountBody, revokeAllBody } from '../schemas';
import { AccountExistsError, createAccount, resetData, type ProfileSeed } from '../seed';

/** Registers the control routes. */
export function registerControlRoutes(app: FastifyInstance, { db, hub, revoker }: ServerContext): void {
  app.post(CONTROL.reset, async () => {
    await resetData(db);
    // Every session is gone with the wipe; tell every open stream it has expired.
    const streamsClosed = hub.revokeEverything('expired');
    return { ok: true, streamsClosed };
  });

  app.post<{ Body: { email: string } }>(CONTROL.revokeAll, { schema: { body: revokeAllBody } }, async (request) => {
    const account = findAccountByEmail(db, request.body.email);
    if (!account) throw new ApiError(404, 'not_found', 'No account found for that email.');
    const streamsBefore = hub.countForAccount(account.id);
    const revoked = revoker.signOutAll(account.id, 'all-devices');
    return { revoked, streamsClosed: streamsBefore };
  });

  app.get(CONTROL.streams, async () => ({
    streams: hub.list().map(({ accountEmail, deviceId, sessionId, connectedAt }) => ({ accountEmail, deviceId, sessionId, connectedAt })),
  }));

  app.post<{ Body: { email: string; password: string; plan?: string; profiles?: ProfileSeed[] } }>(
    CONTROL.accounts,
    { schema: { body: createAccountBody } },
    async (request, reply) => {
      try {
        const created = await createAccount(db, request.body);
        return reply.code(201).send({ account: created.account, profiles: created.profiles });
      } catch (err) {
        if (err instanceof AccountExistsError) throw new ApiError(409, 'conflict', 'An account with that email already exists.');
        throw err;
      }
    },
  );
}
