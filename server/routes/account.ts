/** The account web page: sign in, sign out of this browser or of all devices (the overview is in account-settings.ts). */
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import { SIGN_OUT_MESSAGES } from '../../shared/types';
import { getAccount } from '../accounts';
import { checkCredentials } from '../auth';
import type { ServerContext } from '../context';
import { ApiError, toApiError } from '../errors';
import { approximateLocation } from '../location';
import { looksLikeEmail } from '../schemas';
import { createSession } from '../sessions';
import { createCsrf, type Csrf } from '../web/csrf';
import { confirmSignOutAllPage, errorPage, loginPage, signedOutAllPage } from '../web/pages';
import { ACCOUNT_CSS } from '../web/style';
import { COOKIE_OPTIONS, createWebGuard, isReason, WEB_SESSION_COOKIE } from '../web/web-session';
import { registerAccountSettings } from './account-settings';

const HTML = 'text/html; charset=utf-8';
const WEB_DEVICE = { name: 'Web browser', platform: 'web', appVersion: '-' };

const ERROR_HEADINGS: Record<number, string> = {
  400: 'Something is not right',
  403: 'Request blocked',
  404: 'Page not found',
  413: 'Request too large',
  415: 'Unsupported request',
};

/** Registers the account page under /account (call inside its own encapsulated plugin). */
export async function registerAccountRoutes(scope: FastifyInstance, ctx: ServerContext, csrf: Csrf = createCsrf()): Promise<void> {
  const { db, hub, revoker } = ctx;
  const guard = createWebGuard(db, csrf);
  await scope.register(fastifyCookie);
  await scope.register(fastifyFormbody);
  // Forms only: HTML forms cannot send JSON, so refusing it keeps this surface small.
  scope.removeContentTypeParser('application/json');

  scope.addHook('onRequest', async (_request, reply) => {
    reply.headers({
      'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'cache-control': 'no-store',
    });
  });

  scope.setErrorHandler((err, request, reply) => {
    const e = toApiError(err);
    if (e.status >= 500) request.log.error({ err }, 'account page failed');
    const heading = ERROR_HEADINGS[e.status] ?? 'Something went wrong';
    return reply.code(e.status).type(HTML).send(errorPage(heading, e.message));
  });
  scope.setNotFoundHandler((_request, reply) =>
    reply.code(404).type(HTML).send(errorPage('Page not found', 'There is nothing at this address.')),
  );

  scope.get('/style.css', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(ACCOUNT_CSS),
  );

  scope.get<{ Querystring: { reason?: string } }>('/login', async (request, reply) => {
    if (guard.read(request).kind === 'live') return reply.redirect('/account', 303);
    const reason = request.query.reason;
    return reply.type(HTML).send(loginPage({ notice: isReason(reason) ? SIGN_OUT_MESSAGES[reason] : undefined }));
  });

  scope.post('/login', async (request, reply) => {
    guard.checkOrigin(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.slice(0, 320) : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const fail = (status: number, error: string) => reply.code(status).type(HTML).send(loginPage({ email: email.trim(), error }));
    if (!email.trim() && !password) return fail(400, 'Enter your email and password.');
    if (!email.trim()) return fail(400, 'Enter your email address.');
    if (email.length > 254 || !looksLikeEmail(email)) return fail(400, 'Enter a valid email address.');
    if (!password) return fail(400, 'Enter your password.');
    if (password.length > 1024) return fail(400, 'Password is too long.');
    let accountId: string;
    try {
      accountId = (await checkCredentials(db, email, password)).id;
    } catch (err) {
      if (err instanceof ApiError) return fail(err.status, err.message);
      throw err;
    }
    if (!getAccount(db, accountId)) return fail(401, 'No account found for that email.');
    const previous = guard.read(request);
    if (previous.kind === 'live') revoker.signOut(previous.session.id, 'user');
    const session = createSession(db, accountId, WEB_DEVICE, 'web', { location: approximateLocation(request.ip) });
    hub.devicesChanged(accountId);
    reply.setCookie(WEB_SESSION_COOKIE, session.token, COOKIE_OPTIONS);
    return reply.redirect('/account', 303);
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
