/**
 * The installed app's own service (electron/main/embedded-service.ts) on the Electron mock: when
 * it is started and when not, what it is told, how a failure, a hang and a crash are reported in
 * About, the local-network switch's round trip, and a clean stop on quit. The last test runs the
 * real service entry (server/service-process.ts) behind it under Node, the way utilityProcess
 * forks it: sign in, sign out of all devices, quit, start again with the data kept.
 */
import { callVerb, type BridgeHandlers } from '../../../../shared/bridge';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { app, utilityProcess, type MockUtilityProcess } from '../../../mocks/electron';
import { API, type SignInResponse } from '../../../../shared/api';
import type { ServiceStatus } from '../../../../shared/service';
import type { KeyValueStore, StoreData } from '../../../../electron/core/store';
import type { Logger } from '../../../../electron/core/log';
import { EmbeddedService, setupEmbeddedService } from '../../../../electron/main/embedded-service';
import { cleanupDirs, DEMO, tempDir } from '../core/helpers';

const ENTRY = resolve(__dirname, '../../../../server/service-process.ts');

/** An in-memory device store. */
function memoryStore(initial: StoreData = {}): KeyValueStore<StoreData> {
  const data: StoreData = { ...initial };
  return {
    path: ':memory:',
    get: (k) => data[k],
    set: (k, v) => void (data[k] = v),
    delete: (k) => void delete data[k],
  };
}

/** A logger that keeps its lines. */
function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

const status = (url: string, lan: Partial<ServiceStatus['lan']> = {}): ServiceStatus => ({
  url,
  dataDir: '/data',
  lan: { enabled: false, urls: [], problem: null, ...lan },
});

const OWN = { serverUrl: 'http://127.0.0.1:4700', ownService: true, kioskFlags: { kiosk: false, demo: false }, kioskEnv: { kiosk: false, demo: false } };

/** The process the last setup forked, once it has been forked. */
async function forked(): Promise<MockUtilityProcess> {
  for (let i = 0; i < 50 && utilityProcess.forked.length === 0; i++) await new Promise((r) => setTimeout(r, 1));
  const child = utilityProcess.forked.at(-1);
  if (!child) throw new Error('nothing was forked');
  return child;
}

beforeEach(() => {
  utilityProcess.forked.length = 0;
  utilityProcess.realNode = false;
  app.removeAllListeners('will-quit');
});
afterEach(() => {
  for (const c of utilityProcess.forked) if (c.pid !== undefined) c.kill();
  utilityProcess.realNode = false;
  cleanupDirs();
});

describe('setupEmbeddedService', () => {
  it('starts nothing when the app was given a service (--server-url), and says About cannot open it', async () => {
    const setup = await setupEmbeddedService({ ...OWN, ownService: false, serverUrl: 'http://127.0.0.1:9999' }, memoryStore(), recordingLog(), ENTRY);
    expect(utilityProcess.forked).toHaveLength(0);
    expect(setup.serverUrl).toBe('http://127.0.0.1:9999');
    const info = await setup.access.getServiceInfo();
    expect(info).toMatchObject({ url: 'http://127.0.0.1:9999', accountUrl: 'http://127.0.0.1:9999/account', startedHere: false });
    expect(info.lan.unavailable).toMatch(/did not start/);
    expect(await setup.access.setLanAccess(true)).toMatchObject({ ok: false, error: { code: 'failed' } });
  });

  it('forks the service entry with its data in userData/service and the stored network setting, and uses the address it reports', async () => {
    const pending = setupEmbeddedService(OWN, memoryStore({ serviceLan: true }), recordingLog(), ENTRY);
    const child = await forked();
    expect(child.modulePath).toBe(ENTRY);
    expect(child.options).toMatchObject({ serviceName: 'Couchside service', stdio: 'pipe' });
    expect(child.posted).toEqual([{ type: 'start', options: { dataDir: join(app.getPath('userData'), 'service'), lan: true, control: false } }]);
    child.reply({ type: 'ready', status: status('http://127.0.0.1:4711', { enabled: true, urls: ['http://192.168.1.20:4711'] }) });
    const setup = await pending;
    expect(setup.serverUrl).toBe('http://127.0.0.1:4711');
    const info = await setup.access.getServiceInfo();
    expect(info).toMatchObject({ url: 'http://127.0.0.1:4711', startedHere: true, problem: null });
    expect(info.lan).toEqual({ unavailable: null, enabled: true, accountUrls: ['http://192.168.1.20:4711/account'], problem: null });
  });

  it('turns the control API on for kiosk demo mode (its reset needs it), and only then', async () => {
    const pending = setupEmbeddedService({ ...OWN, kioskFlags: { kiosk: true, demo: true } }, memoryStore(), recordingLog(), ENTRY);
    const child = await forked();
    expect(child.posted[0]).toMatchObject({ options: { control: true } });
    child.reply({ type: 'ready', status: status('http://127.0.0.1:4700') });
    await pending;
  });

  it('opens and closes the service to the network on request and keeps the choice', async () => {
    const store = memoryStore();
    const pending = setupEmbeddedService(OWN, store, recordingLog(), ENTRY);
    const child = await forked();
    child.reply({ type: 'ready', status: status('http://127.0.0.1:4700') });
    const { access } = await pending;

    const turningOn = access.setLanAccess(true);
    expect(child.posted.at(-1)).toEqual({ type: 'set-lan', id: 1, on: true });
    child.reply({ type: 'lan', id: 1, status: status('http://127.0.0.1:4700', { enabled: true, urls: ['http://10.0.0.5:4700'] }) });
    const on = await turningOn;
    expect(on).toMatchObject({ ok: true, value: { lan: { enabled: true, accountUrls: ['http://10.0.0.5:4700/account'] } } });
    expect(store.get('serviceLan')).toBe(true);

    // What the renderer sends is checked by the verb table before it gets here.
    const viaBridge = (raw: unknown) => callVerb({ setLanAccess: access.setLanAccess } as BridgeHandlers, 'setLanAccess', [raw]);
    expect(await viaBridge('yes')).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'enabled' } });
    expect(child.posted.at(-1)).toEqual({ type: 'set-lan', id: 1, on: true });
    expect(store.get('serviceLan')).toBe(true);
  });

  it('says why in About when the service could not start, and the app falls back to the usual address', async () => {
    const log = recordingLog();
    const pending = setupEmbeddedService(OWN, memoryStore(), log, ENTRY);
    const child = await forked();
    child.reply({ type: 'failed', message: 'ENOSPC: no space left on device' });
    const setup = await pending;
    expect(setup.serverUrl).toBe(OWN.serverUrl);
    const info = await setup.access.getServiceInfo();
    expect(info.problem).toBe('The Couchside service could not start: ENOSPC: no space left on device');
    expect(info.lan.unavailable).toBe(info.problem);
    expect(await setup.access.setLanAccess(true)).toEqual({ ok: false, error: { code: 'failed', message: info.problem } });
    expect(log.lines).toContain('error service: The Couchside service could not start: ENOSPC: no space left on device');
  });

  it('gives up on a service that never says it is ready, and stops it', async () => {
    const log = recordingLog();
    const started = EmbeddedService.start({ entry: ENTRY, dataDir: tempDir(), lan: false, log, readyTimeoutMs: 50 });
    const child = await forked();
    const service = await started;
    expect(service.problem()).toBe('The Couchside service did not start within 0 seconds.');
    expect(child.killed).toBe(true);
  });

  it('reports a service that dies later, and fails a pending network change instead of hanging', async () => {
    const started = EmbeddedService.start({ entry: ENTRY, dataDir: tempDir(), lan: false, log: recordingLog() });
    const child = await forked();
    child.reply({ type: 'ready', status: status('http://127.0.0.1:4700') });
    const service = await started;
    const change = service.setLan(true);
    child.exit(9);
    await expect(change).rejects.toThrow('The Couchside service stopped unexpectedly (exit code 9).');
    expect(service.status()).toBeNull();
    expect(service.problem()).toBe('The Couchside service stopped unexpectedly (exit code 9).');
  });

  it('lets the service close its database before the app quits, and kills one that does not stop in time', async () => {
    const pending = setupEmbeddedService(OWN, memoryStore(), recordingLog(), ENTRY);
    const child = await forked();
    child.reply({ type: 'ready', status: status('http://127.0.0.1:4700') });
    await pending;
    let prevented = false;
    let quits = 0;
    const quit = app.quit;
    app.quit = () => void quits++;
    try {
      app.emit('will-quit', { preventDefault: () => void (prevented = true) });
      expect(prevented).toBe(true);
      expect(child.posted.at(-1)).toEqual({ type: 'stop' });
      child.reply({ type: 'stopped' });
      child.exit(0);
      await new Promise((r) => setTimeout(r, 10));
      expect(quits).toBe(1);
      // The second will-quit (from that quit) goes through.
      prevented = false;
      app.emit('will-quit', { preventDefault: () => void (prevented = true) });
      expect(prevented).toBe(false);
    } finally {
      app.quit = quit;
    }

    const hung = EmbeddedService.start({ entry: ENTRY, dataDir: tempDir(), lan: false, log: recordingLog(), stopTimeoutMs: 20 });
    const stuck = await forked();
    stuck.reply({ type: 'ready', status: status('http://127.0.0.1:4701') });
    await (await hung).stop();
    expect(stuck.killed).toBe(true);
  });
});

describe('the real service entry behind the app (forked under Node, as utilityProcess forks it)', () => {
  const signIn = async (base: string) => {
    const res = await fetch(`${base}${API.signIn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO.email, password: DEMO.password, device: { name: 'Living room', platform: 'linux', appVersion: '0.0.0' } }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as SignInResponse;
  };

  it('starts with the demo household, signs out of all devices, and after a restart keeps the data', async () => {
    utilityProcess.realNode = true;
    app.setPath('userData', tempDir());
    const log = recordingLog();
    const first = await setupEmbeddedService(OWN, memoryStore(), log, ENTRY);
    expect(first.serverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const tv = await signIn(first.serverUrl);
    const phone = await signIn(first.serverUrl);
    const revoke = await fetch(`${first.serverUrl}${API.signOutAll}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${phone.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ password: DEMO.password }),
    });
    expect(revoke.status).toBe(204);
    expect((await fetch(`${first.serverUrl}${API.session}`, { headers: { authorization: `Bearer ${tv.accessToken}` } })).status).toBe(401);

    // Quit: the service closes its database and exits.
    const child = utilityProcess.forked.at(-1)!;
    const exited = new Promise<number>((done) => child.once('exit', done));
    app.emit('will-quit', { preventDefault: () => {} });
    expect(await exited).toBe(0);
    app.removeAllListeners('will-quit');

    // Start again over the same userData: the revocation held, the account is still there.
    const second = await setupEmbeddedService(OWN, memoryStore(), log, ENTRY);
    expect((await fetch(`${second.serverUrl}${API.session}`, { headers: { authorization: `Bearer ${tv.accessToken}` } })).status).toBe(401);
    await signIn(second.serverUrl);
    expect(log.lines.some((l) => l.startsWith('info service: Couchside service listening on'))).toBe(true);
  });
});
