/**
 * The account page's activation page (RFC 8628 verification URI): a signed-in person types the
 * code their TV shows (or arrives with it from the QR code), sees which device asks, and signs it
 * in or denies it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { codeEntryRoute } from '../rate-limits';
import type { ServerContext } from '../context';
import { decideDeviceCode, findDeviceCode, normalizeUserCode, type DeviceCodeInfo } from '../device-codes';
import type { SessionRecord } from '../sessions';
import { activatePath, codeApprovedPage, codeDeniedPage, confirmCodePage, enterCodePage, prefillCode } from '../web/activate-pages';
import type { Csrf } from '../web/csrf';
import { HTML, setupWebScope } from '../web/scope';
import { createWebGuard, WEB_SESSION_COOKIE } from '../web/web-session';

/** What a person reads when a code cannot be used. */
export const ACTIVATE_MESSAGES = {
  empty: 'Enter the code shown on your TV.',
  format: 'Check the code: it is 8 letters, like ABCD-EFGH.',
  unknown: "That code isn't right. Check the code on your TV and try again.",
  expired: 'That code has expired. Your TV shows a new code now: enter that one.',
  used: 'That code has already been used. If your TV still shows a code, enter the one it shows now.',
} as const;

const field = (body: unknown, name: string): string => {
  const value = (body ?? {}) as Record<string, unknown>;
  return typeof value[name] === 'string' ? (value[name] as string).slice(0, 40) : '';
};

/** Registers GET/POST /activate and POST /activate/confirm (call inside its own encapsulated plugin). */
export async function registerActivateRoutes(scope: FastifyInstance, { db, deviceCodes }: ServerContext, csrf: Csrf): Promise<void> {
  const guard = createWebGuard(db, csrf);
  await setupWebScope(scope);

  /** The live web session, or a redirect to sign-in that comes back here with the code. */
  function sessionOrLogin(request: FastifyRequest, reply: FastifyReply, code: string): SessionRecord | undefined {
    const state = guard.read(request);
    if (state.kind === 'live') return state.session;
    const query = new URLSearchParams();
    if (state.kind === 'revoked') query.set('reason', state.reason);
    query.set('next', activatePath(code));
    if (request.cookies[WEB_SESSION_COOKIE]) reply.clearCookie(WEB_SESSION_COOKIE, { path: '/' });
    void reply.redirect(`/account/login?${query.toString()}`, 303);
    return undefined;
  }

  /** Why a code cannot be used, or null when it can. */
  function problem(typed: string): { error: string; info?: undefined } | { error: null; info: DeviceCodeInfo } {
    if (!typed.trim()) return { error: ACTIVATE_MESSAGES.empty };
    if (!normalizeUserCode(typed)) return { error: ACTIVATE_MESSAGES.format };
    const info = findDeviceCode(db, typed, deviceCodes.now());
    if (!info) return { error: ACTIVATE_MESSAGES.unknown };
    if (info.status !== 'pending') return { error: ACTIVATE_MESSAGES.used };
    if (info.expired) return { error: ACTIVATE_MESSAGES.expired };
    return { error: null, info };
  }

  const enterForm = (reply: FastifyReply, session: SessionRecord, code: string, error?: string) =>
    reply
      .code(error ? 400 : 200)
      .type(HTML)
      .send(enterCodePage({ csrf: csrf.token(session.id), code: prefillCode(code), error }));

  scope.get<{ Querystring: { code?: unknown } }>('/', async (request, reply) => {
    const code = prefillCode(request.query.code);
    const session = sessionOrLogin(request, reply, code);
    if (!session) return reply;
    return enterForm(reply, session, code);
  });

  scope.post('/', codeEntryRoute, async (request, reply) => {
    const typed = field(request.body, 'code');
    guard.checkOrigin(request);
    if (guard.read(request).kind !== 'live') return sessionOrLogin(request, reply, prefillCode(typed)) ?? reply;
    const session = guard.guardPost(request, reply);
    if (!session) return reply;
    const checked = problem(typed);
    if (checked.error !== null) return enterForm(reply, session, typed, checked.error);
    const { info } = checked;
    return reply.type(HTML).send(
      confirmCodePage({ csrf: csrf.token(session.id), code: info.userCode, deviceName: info.deviceName, platform: info.platform, location: info.location }),
    );
  });

  scope.post('/confirm', codeEntryRoute, async (request, reply) => {
    const typed = field(request.body, 'code');
    guard.checkOrigin(request);
    if (guard.read(request).kind !== 'live') return sessionOrLogin(request, reply, prefillCode(typed)) ?? reply;
    const session = guard.guardPost(request, reply);
    if (!session) return reply;
    const decision = field(request.body, 'decision');
    if (decision !== 'approve' && decision !== 'deny') return enterForm(reply, session, typed, 'Choose Sign in or Deny.');
    const checked = problem(typed);
    if (checked.error !== null) return enterForm(reply, session, typed, checked.error);
    const outcome = decideDeviceCode(db, typed, decision === 'approve' ? { approve: session.accountId } : { deny: true }, deviceCodes.now());
    if (outcome !== 'done') {
      const error = outcome === 'expired' ? ACTIVATE_MESSAGES.expired : outcome === 'unknown' ? ACTIVATE_MESSAGES.unknown : ACTIVATE_MESSAGES.used;
      return enterForm(reply, session, typed, error);
    }
    return reply.type(HTML).send(decision === 'approve' ? codeApprovedPage(checked.info.deviceName) : codeDeniedPage(checked.info.deviceName));
  });
}
