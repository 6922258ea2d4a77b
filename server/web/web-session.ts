/** The account page's cookie session: reading it, leaving for the sign-in form, and guarding form posts. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SIGN_OUT_MESSAGES, type SignOutReason } from '../../shared/types';
import { requireLiveSession } from '../auth';
import type { Database } from '../db';
import { ApiError } from '../errors';
import type { SessionRecord } from '../sessions';
import type { Csrf } from './csrf';

/** The cookie holding the account page's web session token. */
export const WEB_SESSION_COOKIE = 'couchside_web';

/** How the cookie is set: HttpOnly, SameSite=Strict, whole site, 30 days. */
export const COOKIE_OPTIONS = { path: '/', httpOnly: true, sameSite: 'strict', maxAge: 30 * 24 * 60 * 60 } as const;

/** The browser's web session: live, revoked (with why), or none. */
export type WebState = { kind: 'live'; session: SessionRecord } | { kind: 'revoked'; reason: SignOutReason } | { kind: 'none' };

/** True for a known SignOutReason (query strings are untrusted). */
export function isReason(value: unknown): value is SignOutReason {
  return typeof value === 'string' && Object.hasOwn(SIGN_OUT_MESSAGES, value);
}

/** The helpers every account page route uses. */
export interface WebGuard {
  read(request: FastifyRequest): WebState;
  /** Clears the cookie and redirects (303) to the sign-in form, with the reason's notice if any. */
  toLogin(reply: FastifyReply, reason?: SignOutReason): FastifyReply;
  /** Throws 403 for a cross-site form post. */
  checkOrigin(request: FastifyRequest): void;
  /**
   * The live web session for a form POST with a valid CSRF token; redirects to sign-in (and
   * returns undefined) when there is none; throws 403 for a missing or wrong CSRF token.
   */
  guardPost(request: FastifyRequest, reply: FastifyReply): SessionRecord | undefined;
}

/** The WebGuard for one server instance. */
export function createWebGuard(db: Database, csrf: Csrf): WebGuard {
  function read(request: FastifyRequest): WebState {
    const token = request.cookies[WEB_SESSION_COOKIE];
    if (!token) return { kind: 'none' };
    try {
      const session = requireLiveSession(db, token, 'web');
      // In use: its idle lifetime starts again (at most one write a minute per session).
      if (Date.now() - Date.parse(session.lastUsedAt) > 60_000) {
        db.prepare('UPDATE sessions SET last_used_at = ? WHERE id = ?').run(new Date().toISOString(), session.id);
      }
      return { kind: 'live', session };
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

  function guardPost(request: FastifyRequest, reply: FastifyReply): SessionRecord | undefined {
    checkOrigin(request);
    const state = read(request);
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

  return { read, toLogin, checkOrigin, guardPost };
}
