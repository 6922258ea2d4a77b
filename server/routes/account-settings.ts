/** The account page's overview and its forms: sign one device out, change the password. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { accountSummary } from '../accounts';
import type { ServerContext } from '../context';
import { deviceName, listDevices } from '../devices';
import { ApiError } from '../errors';
import { approximateLocation } from '../location';
import { changePassword } from '../password-change';
import { touchSession, type SessionRecord } from '../sessions';
import { accountPage, type PasswordFormState } from '../web/account-page';
import type { Csrf } from '../web/csrf';
import type { WebGuard } from '../web/web-session';

const HTML = 'text/html; charset=utf-8';

/** Confirmations shown after a redirect (?done=...): fixed texts, so nothing from the URL is echoed. */
const DONE_MESSAGES = {
  'password-changed': 'Your password has been changed.',
  'password-changed-signed-out': 'Your password has been changed, and every other device has been signed out.',
  'device-signed-out': 'The device has been signed out.',
  'device-already-signed-out': 'That device was already signed out.',
} as const;
type Done = keyof typeof DONE_MESSAGES;

const field = (body: Record<string, unknown>, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value : '';
};

/** Registers GET /account, POST /account/devices/sign-out and POST /account/password. */
export function registerAccountSettings(scope: FastifyInstance, { db, revoker }: ServerContext, guard: WebGuard, csrf: Csrf): void {
  function render(reply: FastifyReply, session: SessionRecord, extras: { status?: string; password?: PasswordFormState } = {}, code = 200) {
    const page = accountPage({
      account: accountSummary({ email: session.email, plan: session.plan, created_at: session.accountCreatedAt }),
      devices: listDevices(db, session.accountId, session.deviceId),
      csrf: csrf.token(session.id),
      ...extras,
    });
    return reply.code(code).type(HTML).send(page);
  }

  scope.get<{ Querystring: { done?: unknown; device?: unknown } }>('/', async (request, reply) => {
    const state = guard.read(request);
    if (state.kind !== 'live') return guard.toLogin(reply, state.kind === 'revoked' ? state.reason : undefined);
    const { session } = state;
    touchSession(db, session, approximateLocation(request.ip));
    const { done, device } = request.query;
    let status: string | undefined;
    if (typeof done === 'string' && Object.hasOwn(DONE_MESSAGES, done)) {
      status = DONE_MESSAGES[done as Done];
      const name = done === 'device-signed-out' && typeof device === 'string' ? deviceName(db, session.accountId, device) : undefined;
      if (name) status = `${name} has been signed out.`;
    }
    return render(reply, session, { status });
  });

  scope.post('/devices/sign-out', async (request, reply) => {
    const session = guard.guardPost(request, reply);
    if (!session) return reply;
    const deviceId = field((request.body ?? {}) as Record<string, unknown>, 'deviceId').slice(0, 100);
    if (deviceId === session.deviceId) {
      // This browser's own row: the same as the Sign out button at the top.
      revoker.signOut(session.id, 'user');
      return guard.toLogin(reply, 'user');
    }
    const revoked = deviceId ? revoker.signOutDevice(session.accountId, deviceId, 'device-removed') : 0;
    const query = revoked > 0 ? `done=device-signed-out&device=${encodeURIComponent(deviceId)}` : 'done=device-already-signed-out';
    return reply.redirect(`/account?${query}`, 303);
  });

  scope.post('/password', async (request, reply) => {
    const session = guard.guardPost(request, reply);
    if (!session) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const currentPassword = field(body, 'currentPassword');
    const newPassword = field(body, 'newPassword');
    // An unticked checkbox is simply absent from the form.
    const signOutAllDevices = body.signOutAllDevices !== undefined;
    const fail = (code: number, error: string) => render(reply, session, { password: { error, signOutAll: signOutAllDevices } }, code);
    if (!currentPassword) return fail(400, 'Enter your current password.');
    try {
      await changePassword(db, revoker, session, { currentPassword, newPassword, signOutAllDevices });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 401) return guard.toLogin(reply, err.reason);
      return fail(err.status, err.message);
    }
    const done: Done = signOutAllDevices ? 'password-changed-signed-out' : 'password-changed';
    return reply.redirect(`/account?done=${done}`, 303);
  });
}
