import { describe, expect, it } from 'vitest';
import { BRIDGE_METHODS, type KioskState, type SessionState } from '../../../shared/bridge';
import {
  HOST_UNREACHABLE,
  WebBridgeClient,
  backoffDelay,
  bridgeUrl,
  parseMessage,
  type SocketLike,
} from '../../../renderer/src/webBridge';

/** A socket the test drives by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: { id: number; method: string; args: unknown[] }[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  answer(id: number, result: unknown) {
    this.onmessage?.({ data: JSON.stringify({ id, result }) });
  }
  push(state: SessionState) {
    this.onmessage?.({ data: JSON.stringify({ event: 'session-changed', state }) });
  }
  pushDevicesChanged() {
    this.onmessage?.({ data: JSON.stringify({ event: 'devices-changed' }) });
  }
  pushKiosk(state: unknown) {
    this.onmessage?.({ data: JSON.stringify({ event: 'kiosk-changed', state }) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const client = new WebBridgeClient({
    url: 'ws://host/bridge?secret=s',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => {},
    // The longest delay of each step, so the figures below are exact.
    random: () => 1,
  });
  const bridge = client.bridge();
  const last = () => sockets[sockets.length - 1]!;
  const fireTimer = () => timers.shift()!.fn();
  return { client, bridge, sockets, timers, last, fireTimer };
}

const signedIn: SessionState = {
  status: 'signed-in',
  offline: false,
  account: { email: 'a@b.c', plan: 'Premium', memberSince: '2020-01-01' },
};

const kioskOn: KioskState = {
  enabled: true,
  source: 'setting',
  pinSet: true,
  demoMode: true,
  idleResetSeconds: 120,
  cursorHideSeconds: 3,
};

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('web bridge wire', () => {
  it('builds the socket URL from the page and the secret', () => {
    // No secret in the URL: the host's HttpOnly cookie lets the socket in.
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:5000' })).toBe('ws://127.0.0.1:5000/bridge');
    expect(bridgeUrl({ protocol: 'https:', host: 'x' })).toBe('wss://x/bridge');
  });

  it('backs off from 0.5 s doubling to 5 s', () => {
    // The shared backoff: at most these (random = 1), at least half of them (random = 0).
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, () => 1))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, () => 0))).toEqual([250, 500, 1000, 2000, 2500, 2500]);
  });

  it('parses answers and events, ignores junk', () => {
    expect(parseMessage('{"id":3,"result":null}')).toEqual({ id: 3, result: null });
    expect(parseMessage(JSON.stringify({ event: 'session-changed', state: signedIn }))).toEqual({
      event: 'session-changed',
      state: signedIn,
    });
    expect(parseMessage('{"event":"devices-changed"}')).toEqual({ event: 'devices-changed' });
    expect(parseMessage('nope')).toBeNull();
    expect(parseMessage('{"event":"session-changed","state":{"status":"weird"}}')).toBeNull();
    expect(parseMessage(42)).toBeNull();
  });

  it('queues calls until the socket opens, then matches answers by id', async () => {
    const { bridge, last } = setup();
    const state = bridge.getState();
    const home = bridge.getHome('p1');
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().sent.map((r) => r.method)).toEqual(['getState', 'getHome']);
    expect(last().sent[1]!.args).toEqual(['p1']);
    const [a, b] = last().sent;
    last().answer(b!.id, { ok: true, value: { hero: null, rows: [] } });
    last().answer(a!.id, signedIn);
    await expect(state).resolves.toEqual(signedIn);
    await expect(home).resolves.toEqual({ ok: true, value: { hero: null, rows: [] } });
  });

  it('fans session events out to subscribers until they unsubscribe', () => {
    const { bridge, last } = setup();
    const seen: SessionState[] = [];
    const off = bridge.onSessionChanged((s) => seen.push(s));
    last().open();
    last().push(signedIn);
    off();
    last().push({ status: 'signed-out', notice: null });
    expect(seen).toEqual([signedIn]);
  });

  it('sends every verb of the contract by its name, and leaves out a trailing argument not given', () => {
    const { bridge, last } = setup();
    last().open();
    for (const method of BRIDGE_METHODS) expect(typeof bridge[method], method).toBe('function');
    void bridge.signOutAllDevices(undefined);
    void bridge.updateProfile('p1', { name: 'Sam' }, undefined);
    void bridge.updateProfile('p1', { name: 'Sam' }, 'pw');
    expect(last().sent.map((r) => [r.method, r.args])).toEqual([
      ['signOutAllDevices', []],
      ['updateProfile', ['p1', { name: 'Sam' }]],
      ['updateProfile', ['p1', { name: 'Sam' }, 'pw']],
    ]);
  });

  it('sends the device verbs over the request path with their arguments', async () => {
    const { bridge, last } = setup();
    last().open();
    const calls = [
      bridge.selectProfile('p2'),
      bridge.listDevices(),
      bridge.renameDevice('d1', 'Den TV'),
      bridge.signOutDevice('d2'),
    ];
    expect(last().sent.map((r) => [r.method, r.args])).toEqual([
      ['selectProfile', ['p2']],
      ['listDevices', []],
      ['renameDevice', ['d1', 'Den TV']],
      ['signOutDevice', ['d2']],
    ]);
    const device = {
      id: 'd1',
      name: 'Den TV',
      platform: 'Linux',
      appVersion: '1.0.0',
      kind: 'device',
      lastProfile: null,
      lastActiveAt: '2025-01-01T00:00:00.000Z',
      location: 'This computer',
      current: true,
    };
    const answers = [
      { ok: true, value: null },
      { ok: true, value: [device] },
      { ok: true, value: null },
      { ok: false, error: { code: 'not_found', message: 'That device is already signed out.' } },
    ];
    last().sent.forEach((r, i) => last().answer(r.id, answers[i]));
    await expect(Promise.all(calls)).resolves.toEqual(answers);
  });

  it('fans devices-changed out to its own subscribers until they unsubscribe', () => {
    const { bridge, last } = setup();
    let a = 0;
    let b = 0;
    const sessions: SessionState[] = [];
    bridge.onSessionChanged((s) => sessions.push(s));
    const offA = bridge.onDevicesChanged(() => {
      a++;
      throw new Error('one bad listener does not stop the others');
    });
    bridge.onDevicesChanged(() => b++);
    last().open();
    const quiet = console.error;
    console.error = () => {};
    try {
      last().pushDevicesChanged();
      offA();
      last().pushDevicesChanged();
    } finally {
      console.error = quiet;
    }
    expect([a, b]).toEqual([1, 2]);
    expect(sessions).toEqual([]);
  });

  it('fails the device verbs fast while down, and refreshes device lists after a reconnect', async () => {
    const { bridge, last, fireTimer } = setup();
    let changed = 0;
    bridge.onDevicesChanged(() => changed++);
    last().open();
    expect(changed).toBe(0);
    const inFlight = bridge.signOutDevice('d2');
    last().drop();
    await expect(inFlight).resolves.toEqual({ ok: false, error: HOST_UNREACHABLE });
    for (const call of [
      bridge.selectProfile('p1'),
      bridge.listDevices(),
      bridge.renameDevice('d1', 'x'),
      bridge.signOutDevice('d2'),
    ]) {
      await expect(call).resolves.toEqual({ ok: false, error: HOST_UNREACHABLE });
    }
    fireTimer();
    last().open();
    // Whatever changed while we were away, a devices list on screen fetches again.
    expect(changed).toBe(1);
  });

  it('answers Result calls with server_unreachable while down, and reconnects with backoff', async () => {
    const { bridge, sockets, timers, last, fireTimer } = setup();
    const seen: SessionState[] = [];
    bridge.onSessionChanged((s) => seen.push(s));
    last().open();
    const st = bridge.getState();
    last().answer(last().sent[0]!.id, signedIn);
    await st;

    const inFlight = bridge.signOutAllDevices();
    const read = bridge.getAppInfo();
    last().drop();
    await expect(inFlight).resolves.toEqual({ ok: false, error: HOST_UNREACHABLE });
    await expect(bridge.signIn('a@b.c', 'pw')).resolves.toEqual({ ok: false, error: HOST_UNREACHABLE });
    // The signed-in user keeps their place, marked offline.
    expect(seen.at(-1)).toEqual({ ...signedIn, offline: true });
    expect(timers.map((t) => t.ms)).toEqual([500]);

    // Second attempt fails too: the delay doubles.
    fireTimer();
    expect(sockets).toHaveLength(2);
    last().drop();
    expect(timers.map((t) => t.ms)).toEqual([1000]);

    fireTimer();
    last().open();
    // The read waiting across the outage is re-sent; then the fresh state is asked for.
    const methods = last().sent.map((r) => r.method);
    expect(methods).toEqual(['getAppInfo', 'getState', 'getKiosk']);
    const info = { version: '1', serverUrl: 'http://s', host: 'web', kiosk: false };
    last().answer(last().sent[0]!.id, info);
    await expect(read).resolves.toEqual(info);
    const signedOut: SessionState = { status: 'signed-out', notice: null };
    last().answer(last().sent[1]!.id, signedOut);
    await tick();
    expect(seen.at(-1)).toEqual(signedOut);
  });

  it('shows a retrying splash when the host was never reached', async () => {
    const { bridge, last, timers } = setup();
    const seen: SessionState[] = [];
    bridge.onSessionChanged((s) => seen.push(s));
    const pendingSignIn = bridge.signIn('a@b.c', 'x');
    last().drop();
    await expect(pendingSignIn).resolves.toEqual({ ok: false, error: HOST_UNREACHABLE });
    expect(seen).toEqual([{ status: 'restoring', offline: true, retryInSeconds: 1 }]);
    expect(timers).toHaveLength(1);
  });

  it('stops for good on dispose', async () => {
    const { client, bridge, last, timers } = setup();
    last().open();
    const p = bridge.listProfiles();
    client.dispose();
    expect(last().closed).toBe(true);
    await expect(p).resolves.toEqual({ ok: false, error: HOST_UNREACHABLE });
    expect(timers).toHaveLength(0);
  });
  it('parses kiosk-changed events and rejects malformed kiosk states', () => {
    expect(parseMessage(JSON.stringify({ event: 'kiosk-changed', state: kioskOn }))).toEqual({
      event: 'kiosk-changed',
      state: kioskOn,
    });
    expect(parseMessage(JSON.stringify({ event: 'kiosk-changed', state: { enabled: 'yes' } }))).toBeNull();
    expect(parseMessage(JSON.stringify({ event: 'kiosk-changed', state: { ...kioskOn, source: 'cli' } }))).toBeNull();
    expect(parseMessage('{"event":"kiosk-changed"}')).toBeNull();
  });

  it('sends the kiosk verbs with their arguments, getKiosk waiting like getState', async () => {
    const { bridge, last } = setup();
    // Before the first connect, reads and Result verbs alike are queued.
    const kiosk = bridge.getKiosk();
    last().open();
    const calls = [
      bridge.enableKiosk('1234'),
      bridge.enableKiosk('98765', { demoMode: true, idleResetSeconds: 120 }),
      bridge.exitKiosk('0000'),
      bridge.resetDemo(),
    ];
    expect(last().sent.map((r) => [r.method, r.args])).toEqual([
      ['getKiosk', []],
      ['enableKiosk', ['1234']],
      ['enableKiosk', ['98765', { demoMode: true, idleResetSeconds: 120 }]],
      ['exitKiosk', ['0000']],
      ['resetDemo', []],
    ]);
    const answers = [
      kioskOn,
      { ok: true, value: kioskOn },
      { ok: true, value: kioskOn },
      { ok: false, error: { code: 'locked_out', message: 'Too many tries.', retryAfterSeconds: 60 } },
      { ok: true, value: null },
    ];
    last().sent.forEach((r, i) => last().answer(r.id, answers[i]));
    await expect(kiosk).resolves.toEqual(kioskOn);
    await expect(Promise.all(calls)).resolves.toEqual(answers.slice(1));
  });

  it('fans kiosk-changed out to its own subscribers until they unsubscribe', () => {
    const { bridge, last } = setup();
    const seen: KioskState[] = [];
    const sessions: SessionState[] = [];
    let devices = 0;
    bridge.onSessionChanged((s) => sessions.push(s));
    bridge.onDevicesChanged(() => devices++);
    const off = bridge.onKioskChanged((k) => seen.push(k));
    last().open();
    last().pushKiosk(kioskOn);
    last().pushKiosk({ junk: true });
    off();
    last().pushKiosk({ ...kioskOn, enabled: false });
    expect(seen).toEqual([kioskOn]);
    expect(sessions).toEqual([]);
    expect(devices).toBe(0);
  });

  it('fails the kiosk Result verbs fast while down; getKiosk waits and kiosk state is refetched after a reconnect', async () => {
    const { bridge, last, fireTimer } = setup();
    const seen: KioskState[] = [];
    bridge.onKioskChanged((k) => seen.push(k));
    last().open();
    const inFlight = bridge.exitKiosk('1234');
    last().drop();
    await expect(inFlight).resolves.toEqual({ ok: false, error: HOST_UNREACHABLE });
    for (const call of [bridge.enableKiosk('1234', { demoMode: false }), bridge.exitKiosk('1234'), bridge.resetDemo()]) {
      await expect(call).resolves.toEqual({ ok: false, error: HOST_UNREACHABLE });
    }
    const read = bridge.getKiosk();
    fireTimer();
    last().open();
    const sent = last().sent;
    // The waiting read is sent first, then the reconnect's own session and kiosk refetch.
    expect(sent.map((r) => r.method)).toEqual(['getKiosk', 'getState', 'getKiosk']);
    last().answer(sent[0]!.id, kioskOn);
    await expect(read).resolves.toEqual(kioskOn);
    const off = { ...kioskOn, enabled: false, source: null };
    last().answer(sent[2]!.id, off);
    await tick();
    // What the host says after the outage reaches every subscriber (it may have changed meanwhile).
    expect(seen).toEqual([off]);
  });

  it('sends the profile-lock and preference verbs with their arguments', async () => {
    const { bridge, last } = setup();
    last().open();
    const prefs = { relockProfileAfterMinutes: 15 };
    const calls = [
      bridge.unlockProfile('p1', '1234'),
      bridge.setProfilePin('p1', 'secret', '4321'),
      bridge.setProfilePin('p1', 'secret', null),
      bridge.getPreferences(),
      bridge.setPreferences({ relockProfileAfterMinutes: 15 }),
    ];
    expect(last().sent.map((r) => [r.method, r.args])).toEqual([
      ['unlockProfile', ['p1', '1234']],
      ['setProfilePin', ['p1', 'secret', '4321']],
      ['setProfilePin', ['p1', 'secret', null]],
      ['getPreferences', []],
      ['setPreferences', [{ relockProfileAfterMinutes: 15 }]],
    ]);
    const answers = [
      { ok: false, error: { code: 'locked_out', message: 'Too many tries.', retryAfterSeconds: 30 } },
      { ok: false, error: { code: 'wrong_password', message: "That's not the account password." } },
      { ok: true, value: null },
      prefs,
      { ok: true, value: prefs },
    ];
    last().sent.forEach((r, i) => last().answer(r.id, answers[i]));
    await expect(Promise.all(calls)).resolves.toEqual(answers);
  });

  it('fails the profile-lock Result verbs fast while down; getPreferences waits for the reconnect', async () => {
    const { bridge, last, fireTimer } = setup();
    last().open();
    const inFlight = bridge.unlockProfile('p1', '1234');
    last().drop();
    await expect(inFlight).resolves.toEqual({ ok: false, error: HOST_UNREACHABLE });
    for (const call of [
      bridge.unlockProfile('p1', '1234'),
      bridge.setProfilePin('p1', 'pw', '1234'),
      bridge.setPreferences({ relockProfileAfterMinutes: null }),
    ]) {
      await expect(call).resolves.toEqual({ ok: false, error: HOST_UNREACHABLE });
    }
    const read = bridge.getPreferences();
    fireTimer();
    last().open();
    const sent = last().sent;
    expect(sent[0]!.method).toBe('getPreferences');
    last().answer(sent[0]!.id, { relockProfileAfterMinutes: 5 });
    await expect(read).resolves.toEqual({ relockProfileAfterMinutes: 5 });
  });
});
