/** The account web page: sign in, sign out of this browser or of all devices (the overview is in account-settings.ts). */
import type { FastifyInstance } from 'fastify';
import { looksLikeEmail } from '../../shared/api-schemas';
import { SIGN_OUT_MESSAGES } from '../../shared/types';
import { getAccount } from '../accounts';
import { checkCredentials } from '../auth';
import { passwordRoute } from '../rate-limits';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { approximateLocation } from '../location';
import { createSession } from '../sessions';
import { createCsrf, type Csrf } from '../web/csrf';
import { safeNextPath } from '../web/activate-pages';
import { confirmSignOutAllPage, loginPage, signedOutAllPage } from '../web/pages';
import { HTML, setupWebScope } from '../web/scope';
import { ACCOUNT_CSS } from '../web/style';
import { COOKIE_OPTIONS, createWebGuard, isReason, WEB_SESSION_COOKIE } from '../web/web-session';
import { registerAccountSettings } from './account-settings';

const WEB_DEVICE = { name: 'Web browser', platform: 'web', appVersion: '-' };
/** Shown above the sign-in form when it leads on to the activation page. */
const NEXT_NOTICE = 'Sign in to your Couchside account to sign in your TV.';

/** Registers the account page under /account (call inside its own encapsulated plugin). */
export async function registerAccountRoutes(scope: FastifyInstance, ctx: ServerContext, csrf: Csrf = createCsrf()): Promise<void> {
  const { db, hub, revoker } = ctx;
  const guard = createWebGuard(db, csrf);
  await setupWebScope(scope);

  scope.get('/style.css', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(ACCOUNT_CSS),
  );

  scope.get<{ Querystring: { reason?: string; next?: string } }>('/login', async (request, reply) => {
    // Where to go once signed in: only the activation page (with its code) is allowed.
    const next = safeNextPath(request.query.next);
    if (guard.read(request).kind === 'live') return reply.redirect(next ?? '/account', 303);
    const reason = request.query.reason;
    const notice = isReason(reason) ? SIGN_OUT_MESSAGES[reason] : next ? NEXT_NOTICE : undefined;
    return reply.type(HTML).send(loginPage({ notice, next }));
  });

  scope.post('/login', passwordRoute, async (request, reply) => {
    guard.checkOrigin(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.slice(0, 320) : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNextPath(body.next);
    const fail = (status: number, error: string) => reply.code(status).type(HTML).send(loginPage({ email: email.trim(), error, next }));
    if (!email.trim() && !password) return fail(400, 'Enter your email and password.');
    if (!email.trim()) return fail(400, 'Enter your email address.');
    if (email.length > 254 || !looksLikeEmail(email)) return fail(400, 'Enter a valid email address.');
    if (!password) return fail(400, 'Enter your password.');
    if (password.length > 1024) return fail(400, 'Password is too long.');
    let accountId: string;
    try {
      accountId = (await checkCredentials(db, email, password)).id;
    } catch (err) {
      if (err instanceof ApiError) {
        // Too many wrong passwords for this account: the page says how long, and Retry-After too.
        if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
        return fail(err.status, err.message);
      }
      throw err;
    }
    if (!getAccount(db, accountId)) return fail(401, 'No account found for that email.');
    const previous = guard.read(request);
    if (previous.kind === 'live') revoker.signOut(previous.session.id, 'user');
    const session = createSession(db, accountId, WEB_DEVICE, 'web', { location: approximateLocation(request.ip) });
    hub.devicesChanged(accountId);
    reply.setCookie(WEB_SESSION_COOKIE, session.token, COOKIE_OPTIONS);
    return reply.redirect(next ?? '/account', 303);
  });

  registerAccountSettings(scope, ctx, guard, csrf);

  scope.post('/sign-out', async (request, reply) => {
    const session = guard.guardPost(request, reply);
    if (!session) return reply;
    revoker.signOut(session.id, 'user');
    return guard.toLogin(reply, 'user');
  });

  scope.get('/sign-out-all', async (request, reply) => {
    const state = guard.read(request);
    if (state.kind !== 'live') return guard.toLogin(reply, state.kind === 'revoked' ? state.reason : undefined);
    return reply.type(HTML).send(confirmSignOutAllPage({ csrf: csrf.token(state.session.id) }));
  });

  scope.post('/sign-out-all', async (request, reply) => {
    const session = guard.guardPost(request, reply);
    if (!session) return reply;
    revoker.signOutAll(session.accountId, 'all-devices');
    reply.clearCookie(WEB_SESSION_COOKIE, { path: '/' });
    return reply.type(HTML).send(signedOutAllPage());
  });
}
