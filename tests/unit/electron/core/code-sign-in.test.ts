import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CodeSignInState } from '../../../../shared/bridge';
import { ApiClient, ApiError, NetworkError } from '../../../../electron/core/api-client';
import { CODE_SIGN_IN_MESSAGES, CodeSignIn } from '../../../../electron/core/code-sign-in';
import { silentLogger } from '../../../../electron/core/log';
import { toBridgeError } from '../../../../electron/core/session-manager';
import { createServer, type CouchsideServer } from '../../../../server/app';
import { decideDeviceCode } from '../../../../server/device-codes';
import { ControlClient } from '../../../kit/control-client';
import { cleanupDirs, DEMO, makeDevice, type Device } from './helpers';
import { ManualClock } from './manual-clock';

interface Rig {
  server: CouchsideServer;
  url: string;
  control: ControlClient;
  clock: ManualClock;
  api: ApiClient;
  polls: ReturnType<typeof vi.spyOn>;
  d: Device;
  codeStates: CodeSignInState[];
  /** Server time runs this many ms behind the device's (to make a poll look early to the service). */
  skew: { ms: number };
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) {
    r.d.session.dispose();
    await r.server.close();
  }
  cleanupDirs();
});

async function rig(opts: { stream?: boolean } = {}): Promise<Rig> {
  const clock = new ManualClock();
  const skew = { ms: 0 };
  const server = await createServer({ dbPath: ':memory:', control: true, clock: () => clock.now() - skew.ms });
  const url = await server.listen(0, '127.0.0.1');
  const api = new ApiClient({ baseUrl: url, timeoutMs: 5000 });
  const polls = vi.spyOn(api, 'deviceToken');
  const d = makeDevice(url, { api, codeSignInClock: clock, stream: opts.stream ?? false });
  const codeStates: CodeSignInState[] = [];
  d.session.onCodeSignInChanged((s) => codeStates.push(s));
  await d.session.restore();
  const r = { server, url, control: new ControlClient(url), clock, api, polls, d, codeStates, skew };
  rigs.push(r);
  return r;
}

const waiting = (s: CodeSignInState) => {
  if (s.status !== 'waiting') throw new Error(`not waiting: ${JSON.stringify(s)}`);
  return s;
};

/** Moves the device's time on, then waits until the poll it caused has been answered and handled. */
async function advance(r: Rig, ms: number): Promise<void> {
  const before = r.polls.mock.calls.length;
  r.clock.advance(ms);
  if (r.polls.mock.calls.length === before) return;
  await vi.waitFor(() => {
    expect(r.polls.mock.settledResults.length).toBe(r.polls.mock.calls.length);
    const s = r.d.session.getCodeSignInState();
    // Settled: the next timer is set, or the flow has ended.
    expect(r.clock.pending === 1 || s.status === 'idle' || s.status === 'failed').toBe(true);
  }, { timeout: 5000 });
}

describe('sign in with a code (client core)', () => {
  it('shows a code with its links and polls at the interval while it is pending', async () => {
    const r = await rig();
    const started = await r.d.session.startCodeSignIn();
    expect(started.ok).toBe(true);
    const shown = waiting(r.d.session.getCodeSignInState());
    expect(started.ok && started.value).toEqual(shown);
    expect(shown).toMatchObject({ intervalSeconds: 5, offline: false, expiresAt: '2026-01-01T12:10:00.000Z' });
    expect(shown.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(shown.verificationUri).toBe(`${r.url}/activate`);
    expect(shown.verificationUriComplete).toBe(`${r.url}/activate?code=${shown.userCode}`);
    expect(r.codeStates.map((s) => s.status)).toEqual(['requesting', 'waiting']);
    // The device code never leaves the core.
    expect(JSON.stringify(r.codeStates)).not.toMatch(/deviceCode/);

    // A second start while it runs answers with the same code.
    expect(await r.d.session.startCodeSignIn()).toEqual({ ok: true, value: shown });

    r.clock.advance(4999);
    expect(r.polls).not.toHaveBeenCalled();
    await advance(r, 1);
    expect(r.polls).toHaveBeenCalledTimes(1);
    await advance(r, 5000);
    expect(r.polls).toHaveBeenCalledTimes(2);
    expect(r.d.session.getCodeSignInState()).toEqual(shown);
    expect(r.d.session.getState().status).toBe('signed-out');
  });

  it('honours slow_down: the interval grows and the next poll waits for it', async () => {
    const r = await rig();
    await r.d.session.startCodeSignIn();
    await advance(r, 5000);
    // The service's clock lags by 3 s, so the next poll looks early to it.
    r.skew.ms = 3000;
    await advance(r, 5000);
    expect(r.polls).toHaveBeenCalledTimes(2);
    expect(waiting(r.d.session.getCodeSignInState()).intervalSeconds).toBe(10);
    r.clock.advance(9999);
    expect(r.polls).toHaveBeenCalledTimes(2);
    await advance(r, 1);
    expect(r.polls).toHaveBeenCalledTimes(3);
    // On time now: still pending, the interval stays.
    expect(waiting(r.d.session.getCodeSignInState())).toMatchObject({ intervalSeconds: 10, offline: false });
  });

  it('an expired code is replaced on screen by itself', async () => {
    const r = await rig();
    await r.d.session.startCodeSignIn();
    const first = waiting(r.d.session.getCodeSignInState());
    await r.control.expireDeviceCode(first.userCode);
    await advance(r, 5000);
    const second = waiting(r.d.session.getCodeSignInState());
    expect(second.userCode).not.toBe(first.userCode);
    expect(r.codeStates.map((s) => s.status)).toEqual(['requesting', 'waiting', 'requesting', 'waiting']);
    expect(await r.control.deviceCodes()).toEqual([expect.objectContaining({ userCode: second.userCode, deviceName: 'Test TV' })]);
    // The new code signs in.
    await r.control.approveDeviceCode(second.userCode, DEMO.email);
    await advance(r, 5000);
    expect(r.d.session.getState().status).toBe('signed-in');
  });

  it('offline: says so and keeps polling; back online it carries on, and past expiry it gets a new code', async () => {
    const r = await rig();
    await r.d.session.startCodeSignIn();
    const first = waiting(r.d.session.getCodeSignInState());
    await r.control.outage('down', { forMs: 600_000 });
    await advance(r, 5000);
    expect(r.d.session.getCodeSignInState()).toEqual({ ...first, offline: true });
    await advance(r, 5000);
    expect(r.polls).toHaveBeenCalledTimes(2);
    await r.control.outage('normal');
    await advance(r, 5000);
    expect(r.d.session.getCodeSignInState()).toEqual({ ...first, offline: false });

    // Down again until past the code's expiry: the device asks for a new code, and keeps asking.
    await r.control.outage('down', { forMs: 600_000 });
    await advance(r, 600_000);
    expect(r.d.session.getCodeSignInState()).toEqual({ status: 'requesting', offline: true });
    expect(r.clock.pending).toBe(1);
    await r.control.outage('normal');
    r.clock.advance(r.clock.nextInMs);
    await vi.waitFor(() => expect(r.d.session.getCodeSignInState().status).toBe('waiting'), { timeout: 5000 });
    expect(waiting(r.d.session.getCodeSignInState()).userCode).not.toBe(first.userCode);
  });

  it('approved on the account page: signs in exactly like a password sign-in', async () => {
    const r = await rig({ stream: true });
    const sessionStates: string[] = [];
    r.d.session.onChange((s) => sessionStates.push(s.status));
    await r.d.session.startCodeSignIn();
    const { userCode } = waiting(r.d.session.getCodeSignInState());
    expect(await r.control.approveDeviceCode(userCode, DEMO.email)).toEqual({ deviceName: 'Test TV' });
    await advance(r, 5000);

    expect(r.d.session.getState()).toMatchObject({ status: 'signed-in', account: { email: DEMO.email } });
    expect(sessionStates).toEqual(['signed-in']);
    expect(r.d.session.getCodeSignInState()).toEqual({ status: 'idle' });
    expect(r.codeStates.at(-1)).toEqual({ status: 'idle' });
    expect(r.clock.pending).toBe(0);
    // Kept like any session (a relaunch restores it), and the revocation watcher runs.
    expect(r.d.kv.get('session')).toMatchObject({ account: { email: DEMO.email }, tokenEncoding: 'plain' });
    await vi.waitFor(() => expect(r.d.session.streamOpen).toBe(true));
    expect((await r.d.session.listProfiles()).ok).toBe(true);
    // Revocation reaches it like any other device.
    await r.control.revokeAll(DEMO.email);
    await vi.waitFor(() => expect(r.d.session.getState()).toMatchObject({ status: 'signed-out', notice: { reason: 'all-devices' } }));
  });

  it('denied on the account page: says so and stops; the user can start again', async () => {
    const r = await rig();
    await r.d.session.startCodeSignIn();
    const { userCode } = waiting(r.d.session.getCodeSignInState());
    expect(decideDeviceCode(r.server.db, userCode, { deny: true }, r.clock.now())).toBe('done');
    await advance(r, 5000);
    expect(r.d.session.getCodeSignInState()).toEqual({ status: 'failed', message: CODE_SIGN_IN_MESSAGES.denied });
    expect(CODE_SIGN_IN_MESSAGES.denied).toBe('The sign-in was declined on the account page.');
    expect(r.clock.pending).toBe(0);
    expect(r.d.session.getState().status).toBe('signed-out');

    const again = await r.d.session.startCodeSignIn();
    expect(again.ok && again.value.status).toBe('waiting');
    expect(waiting(r.d.session.getCodeSignInState()).userCode).not.toBe(userCode);
  });

  it('cancel (and a sign-in by password) stops polling', async () => {
    const r = await rig();
    await r.d.session.startCodeSignIn();
    r.d.session.cancelCodeSignIn();
    expect(r.d.session.getCodeSignInState()).toEqual({ status: 'idle' });
    expect(r.clock.pending).toBe(0);
    r.clock.advance(60_000);
    expect(r.polls).not.toHaveBeenCalled();

    await r.d.session.startCodeSignIn();
    expect(r.clock.pending).toBe(1);
    r.d.session.clear('user');
    expect(r.d.session.getCodeSignInState()).toEqual({ status: 'idle' });
    expect(r.clock.pending).toBe(0);

    await r.d.session.startCodeSignIn();
    expect((await r.d.session.signIn(DEMO.email, DEMO.password)).ok).toBe(true);
    expect(r.d.session.getCodeSignInState()).toEqual({ status: 'idle' });
    expect(r.clock.pending).toBe(0);
    // Signed in: no code flow.
    expect(await r.d.session.startCodeSignIn()).toEqual({ ok: false, error: { code: 'failed', message: 'Already signed in.' } });
  });

  it('a service that cannot be reached for a code is said at once, and the TV keeps asking by itself', async () => {
    const clock = new ManualClock();
    const d = makeDevice('http://127.0.0.1:9', { codeSignInClock: clock, stream: false });
    rigs.push({ d, server: { close: async () => {} } } as unknown as Rig);
    await d.session.restore();
    const r = await d.session.startCodeSignIn();
    expect(r).toEqual({ ok: true, value: { status: 'requesting', offline: true } });
    expect(d.session.getCodeSignInState()).toEqual({ status: 'requesting', offline: true });
    // The next try is scheduled; leaving the screen stops it.
    expect(clock.pending).toBe(1);
    d.session.cancelCodeSignIn();
    expect(clock.pending).toBe(0);
  });
});

describe('CodeSignIn with a stub service', () => {
  it('shows a code by itself once the service is back after an outage', async () => {
    const clock = new ManualClock();
    const code = { deviceCode: 'secret', userCode: 'BCDF-GHJK', verificationUri: 'u', verificationUriComplete: 'u?c', expiresIn: 600, interval: 5 };
    const deviceCode = vi
      .fn()
      .mockRejectedValueOnce(new NetworkError('connect ECONNREFUSED'))
      .mockRejectedValueOnce(new NetworkError('connect ECONNREFUSED'))
      .mockResolvedValue(code);
    const flow = new CodeSignIn({
      api: { deviceCode, deviceToken: vi.fn().mockRejectedValue(new ApiError(400, 'authorization_pending', 'pending')), signOut: async () => undefined },
      device: { name: 'TV', platform: 'test', appVersion: '0' },
      log: silentLogger,
      clock,
      toError: toBridgeError,
      complete: () => true,
      retry: { random: () => 1 },
    });
    expect(await flow.start()).toEqual({ ok: true, value: { status: 'requesting', offline: true } });
    clock.advance(60_000);
    await vi.waitFor(() => expect(deviceCode).toHaveBeenCalledTimes(2));
    expect(flow.getState()).toEqual({ status: 'requesting', offline: true });
    clock.advance(60_000);
    await vi.waitFor(() => expect(flow.getState()).toMatchObject({ status: 'waiting', userCode: 'BCDF-GHJK', offline: false }));
    flow.dispose();
  });

  it('slow_down without an interval adds 5 seconds', async () => {
    const clock = new ManualClock();
    const deviceToken = vi.fn().mockRejectedValue(new ApiError(400, 'slow_down', 'slow down'));
    const flow = new CodeSignIn({
      api: {
        deviceCode: async () => ({ deviceCode: 'secret', userCode: 'BCDF-GHJK', verificationUri: 'u', verificationUriComplete: 'u?c', expiresIn: 600, interval: 5 }),
        deviceToken,
        signOut: async () => undefined,
      },
      device: { name: 'TV', platform: 'test', appVersion: '0' },
      log: silentLogger,
      clock,
      toError: toBridgeError,
      complete: () => true,
    });
    await flow.start();
    clock.advance(5000);
    await vi.waitFor(() => expect(flow.getState()).toMatchObject({ status: 'waiting', intervalSeconds: 10 }));
    expect(deviceToken).toHaveBeenCalledWith('secret');
    clock.advance(9999);
    expect(deviceToken).toHaveBeenCalledTimes(1);
    clock.advance(1);
    await vi.waitFor(() => expect(flow.getState()).toMatchObject({ intervalSeconds: 15 }));
    flow.dispose();
  });
});
