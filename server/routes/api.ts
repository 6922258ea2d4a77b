/** The device HTTP API: sign-in, token refresh, sign-out, session, profiles, home, health. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API, type ProfilesResponse, type RefreshResponse, type SessionResponse, type SignInResponse } from '../../shared/api';
import { idParams, passwordCheckBody, passwordOptionalBody, refreshBody, setProfilePinBody, signInBody, unlockProfileBody } from '../../shared/api-schemas';
import { accountSummary, getAccount, listProfiles } from '../accounts';
import { passwordRoute } from '../rate-limits';
import { authenticateBearer, checkCredentials, sessionRevoked, unauthorized } from '../auth';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { approximateLocation } from '../location';
import { setProfilePin, unlockProfile } from '../profile-locks';
import { PASSWORD_REASONS, requireAccountPassword } from '../household';
import { createSession, findSessionById, touchSession, type SessionRecord } from '../sessions';
import { rotateRefreshToken } from '../token-family';

/** Route patterns of API.profilePin(id) and API.profileUnlock(id), derived from the contract's collection path. */
const PROFILE_PIN_ROUTE = `${API.profiles}/:id/pin`;
const PROFILE_UNLOCK_ROUTE = `${API.profiles}/:id/unlock`;

/** The bearer auth every signed-in route uses. */
export function bearerAuth({ db }: Pick<ServerContext, 'db'>) {
  // Checked in onRequest, before the body is read or validated (no token, no parsing), and again
  // in the handler so a revocation that lands while the body streams in still wins.
  const auth = (request: FastifyRequest): SessionRecord => authenticateBearer(db, request.headers.authorization);
  const authed = {
    onRequest: async (request: FastifyRequest) => {
      auth(request);
    },
  };
  return { auth, authed };
}

/** Registers the device API routes. */
export function registerApiRoutes(instance: FastifyInstance, ctx: ServerContext): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, hub, revoker, accessTtlMs } = ctx;
  const { auth, authed } = bearerAuth(ctx);

  // The device stream is a WebSocket; a plain GET (a browser, a typo'd client) is told so.
  app.get(API.stream, async () => {
    throw new ApiError(426, 'invalid_request', 'This is the device event stream: connect with a WebSocket upgrade.');
  });

  app.post(API.signIn, { schema: { body: signInBody }, ...passwordRoute }, async (request): Promise<SignInResponse> => {
    const { email, password, device } = request.body;
    const account = await checkCredentials(db, email, password);
    // The account may have been wiped (control reset) while the password hash was computed.
    if (!getAccount(db, account.id)) throw new ApiError(401, 'unknown_email', 'No account found for that email.');
    const session = createSession(db, account.id, device, 'device', { location: approximateLocation(request.ip), accessTtlMs });
    hub.devicesChanged(account.id);
    return { ...session.tokens!, deviceId: session.deviceId, account: accountSummary(account) };
  });

  app.post(API.refresh, { schema: { body: refreshBody } }, async (request): Promise<RefreshResponse> => {
    const outcome = rotateRefreshToken(db, request.body.refreshToken, accessTtlMs);
    switch (outcome.kind) {
      case 'unknown':
        throw unauthorized();
      case 'revoked':
        throw sessionRevoked(outcome.reason);
      case 'lifetime-over':
        // Idle or absolute lifetime over: end the family through the one revocation path.
        revoker.signOut(outcome.sessionId, 'expired');
        throw sessionRevoked('expired');
      case 'reused': {
        // RFC 9700 reuse detection: someone holds an old refresh token. End the whole family,
        // durably and with a push to its streams, before answering.
        revoker.signOut(outcome.sessionId, 'expired');
        throw sessionRevoked(findSessionById(db, outcome.sessionId)?.revokeReason ?? 'expired');
      }
      case 'rotated': {
        const session = findSessionById(db, outcome.sessionId);
        if (session) touchSession(db, session, approximateLocation(request.ip));
        return outcome.tokens;
      }
    }
  });

  app.post(API.signOut, authed, async (request, reply) => {
    const session = auth(request);
    revoker.signOut(session.id, 'user');
    return reply.code(204).send();
  });

  // Account-wide: the password again, whoever is at the TV (see household.ts).
  app.post(
    API.signOutAll,
    { ...authed, schema: { body: passwordOptionalBody }, ...passwordRoute },
    async (request, reply) => {
      const session = auth(request);
      await requireAccountPassword(db, session, PASSWORD_REASONS.signOutAll, request.body?.password);
      revoker.signOutAll(session.accountId, 'all-devices');
      return reply.code(204).send();
    },
  );

  app.post(API.passwordCheck, { ...authed, schema: { body: passwordCheckBody }, ...passwordRoute }, async (request, reply) => {
    const session = auth(request);
    await requireAccountPassword(db, session, 'Enter the account password.', request.body.password);
    return reply.code(204).send();
  });

  app.get(API.session, authed, async (request): Promise<SessionResponse> => {
    const session = auth(request);
    touchSession(db, session, approximateLocation(request.ip));
    return {
      account: accountSummary({ email: session.email, plan: session.plan, created_at: session.accountCreatedAt }),
      deviceId: session.deviceId,
    };
  });

  app.get(API.profiles, authed, async (request): Promise<ProfilesResponse> => {
    const session = auth(request);
    return { profiles: listProfiles(db, session.accountId) };
  });

  app.put(
    PROFILE_PIN_ROUTE,
    { ...authed, schema: { params: idParams, body: setProfilePinBody } },
    async (request, reply) => {
      const session = auth(request);
      await setProfilePin(db, session, request.params.id, request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    PROFILE_UNLOCK_ROUTE,
    { ...authed, schema: { params: idParams, body: unlockProfileBody } },
    async (request, reply) => {
      const session = auth(request);
      await unlockProfile(db, session, request.params.id, request.body.pin);
      return reply.code(204).send();
    },
  );
}
