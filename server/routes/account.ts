/** The account web page: sign in, see the account, sign out of this browser or of all devices. */
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SIGN_OUT_MESSAGES, type SignOutReason } from '../../shared/types';
import { accountSummary, getAccount } from '../accounts';
import { checkCredentials, requireLiveSession } from '../auth';
import type { ServerContext } from '../context';
import { ApiError, toApiError } from '../errors';
import { looksLikeEmail } from '../schemas';
import { createSession, listLiveDevices, touchSession, type SessionRecord } from '../sessions';
import { createCsrf, type Csrf } from '../web/csrf';
import { accountPage, confirmSignOutAllPage, errorPage, loginPage, signedOutAllPage } from '../web/pages';
import { ACCOUNT_CSS } from '../web/style';

/** The cookie holding the account page's web session token. */
export const WEB_SESSION_COOKIE = 'couchside_web';

const HTML = 'text/html; charset=utf-8';
const COOKIE_OPTIONS = { path: '/', httpOnly: true, sameSite: 'strict', maxAge: 30 * 24 * 60 * 60 } as const;
const WEB_DEVICE = { name: 'Web browser', platform: 'web', appVersion: '-' };

const ERROR_HEADINGS: Record<number, string> = {
  400: 'Something is not right',
  403: 'Request blocked',
  404: 'Page not found',
  413: 'Request too large',
  415: 'Unsupported request',
};

type WebState = { kind: 'live'; session: SessionRecord } | { kind: 'revoked'; reason: SignOutReason } | { kind: 'none' };

function isReason(value: unknown): value is SignOutReason {
  return typeof value === 'string' && Object.hasOwn(SIGN_OUT_MESSAGES, value);
}

/** Registers the account page under /account (call inside its own encapsulated plugin). */
export async function registerAccountRoutes(
  scope: FastifyInstance,
  { db, revoker }: ServerContext,
  csrf: Csrf = createCsrf(),
): Promise<void> {
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

  function readWebSession(request: FastifyRequest): WebState {
    const token = request.cookies[WEB_SESSION_COOKIE];
    if (!token) return { kind: 'none' };
    try {
      return { kind: 'live', session: requireLiveSession(db, token, 'web') };
    } catch (err) {
      if (err instanceof ApiError && err.reason) return { kind: 'revoked', reason: err.reason };
      return { kind: 'none' };
    }
  }

  function toLogin(reply: FastifyReply, reason?: SignOutReason): FastifyReply {
    reply.clearCookie(WEB_SESSION_COOKIE, { path: '/' });
    return reply.redirect(reason ? `/account/login?reason=${reason}` : '/account/login', 303);
  }

  /**
   * Blocks cross-site form posts (defence in depth next to the CSRF token): browsers say where a
   * request came from in Sec-Fetch-Site, older ones in Origin ("null" is inconclusive, e.g. under
   * a strict referrer policy, so it is left to the CSRF token).
   */
  function checkOrigin(request: FastifyRequest): void {
    const blocked = () => new ApiError(403, 'invalid_request', 'This form was sent from another site, so it was blocked.');
    const site = request.headers['sec-fetch-site'];
    if (typeof site === 'string') {
      if (site !== 'same-origin' && site !== 'none') throw blocked();
      return;
    }
    const origin = request.headers.origin;
    if (origin === undefined || origin === 'null') return;
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (!host || host !== request.headers.host) throw blocked();
  }

  /** The live web session for a form POST with a valid CSRF token; redirects to sign-in when there is none. */
  function guardPost(request: FastifyRequest, reply: FastifyReply): SessionRecord | undefined {
    checkOrigin(request);
    const state = readWebSession(request);
    if (state.kind !== 'live') {
      toLogin(reply, state.kind === 'revoked' ? state.reason : undefined);
      return undefined;
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!csrf.verify(state.session.id, body.csrf)) {
      throw new ApiError(403, 'invalid_request', 'This form has expired or did not come from this page. Go back, reload the page and try again.');
    }
    return state.session;
  }

  scope.get('/style.css', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(ACCOUNT_CSS),
  );

  scope.get<{ Querystring: { reason?: string } }>('/login', async (request, reply) => {
    if (readWebSession(request).kind === 'live') return reply.redirect('/account', 303);
    const reason = request.query.reason;
    return reply.type(HTML).send(loginPage({ notice: isReason(reason) ? SIGN_OUT_MESSAGES[reason] : undefined }));
  });

  scope.post('/login', async (request, reply) => {
    checkOrigin(request);
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
    const previous = readWebSession(request);
    if (previous.kind === 'live') revoker.signOut(previous.session.id, 'user');
    const session = createSession(db, accountId, WEB_DEVICE, 'web');
    reply.setCookie(WEB_SESSION_COOKIE, session.token, COOKIE_OPTIONS);
    return reply.redirect('/account', 303);
  });

  scope.get('/', async (request, reply) => {
    const state = readWebSession(request);
    if (state.kind !== 'live') return toLogin(reply, state.kind === 'revoked' ? state.reason : undefined);
    const { session } = state;
    touchSession(db, session);
    const account = accountSummary({ email: session.email, plan: session.plan, created_at: session.accountCreatedAt });
    const page = accountPage({
      account,
      devices: listLiveDevices(db, session.accountId),
      currentDeviceId: session.deviceId,
      csrf: csrf.token(session.id),
    });
    return reply.type(HTML).send(page);
  });

  scope.post('/sign-out', async (request, reply) => {
    const session = guardPost(request, reply);
    if (!session) return reply;
    revoker.signOut(session.id, 'user');
    return toLogin(reply, 'user');
  });

  scope.get('/sign-out-all', async (request, reply) => {
    const state = readWebSession(request);
    if (state.kind !== 'live') return toLogin(reply, state.kind === 'revoked' ? state.reason : undefined);
    return reply.type(HTML).send(confirmSignOutAllPage({ csrf: csrf.token(state.session.id) }));
  });

  scope.post('/sign-out-all', async (request, reply) => {
    const session = guardPost(request, reply);
    if (!session) return reply;
    revoker.signOutAll(session.accountId, 'all-devices');
    reply.clearCookie(WEB_SESSION_COOKIE, { path: '/' });
    return reply.type(HTML).send(signedOutAllPage());
  });
}
