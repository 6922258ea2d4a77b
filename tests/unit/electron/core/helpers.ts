/** Shared set-up for core tests: a real mock service in memory and conf stores in temp dirs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionState } from '../../../../shared/bridge';
import { createServer, type CouchsideServer, type ServerOptions } from '../../../../server/app';
import { ApiClient } from '../../../../electron/core/api-client';
import { openConfStore } from '../../../../electron/core/conf-store';
import { silentLogger } from '../../../../electron/core/log';
import { SessionManager, type SessionManagerOptions } from '../../../../electron/core/session-manager';
import { plainVault, SessionStore, type KeyValueStore, type StoreData } from '../../../../electron/core/store';

export const DEMO = { email: 'demo@couchside.test', password: 'couchside-demo' };

const dirs: string[] = [];

/** A fresh temp dir, removed by cleanupDirs(). */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'couchside-core-'));
  dirs.push(d);
  return d;
}

export function cleanupDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface Device {
  dir: string;
  kv: KeyValueStore<StoreData>;
  session: SessionManager;
  states: SessionState[];
}

/** One client device: a SessionManager over a conf store in `dir`, recording every state it emits. */
export function makeDevice(serverUrl: string, opts: Partial<SessionManagerOptions> & { dir?: string } = {}): Device {
  const dir = opts.dir ?? tempDir();
  const { store: kv, recovered } = openConfStore(dir, silentLogger);
  const session = new SessionManager({
    api: new ApiClient({ baseUrl: serverUrl, timeoutMs: 2000 }),
    store: new SessionStore(kv, plainVault, silentLogger),
    device: { name: 'Test TV', platform: 'Linux', appVersion: '0.0.0-test' },
    log: silentLogger,
    storeRecovered: recovered,
    retry: { baseMs: 50, capMs: 200 },
    watcher: { backoff: { baseMs: 50, capMs: 200 } },
    ...opts,
  });
  const states: SessionState[] = [];
  session.onChange((s) => states.push(s));
  return { dir, kv, session, states };
}

/**
 * A device signed in to the demo account with no event stream (so a revocation reaches it only
 * through its own requests), and its first profile that is not a Kids profile.
 */
export async function signedInWithoutStream(serverUrl: string, devices: Device[]): Promise<{ d: Device; profileId: string }> {
  const d = makeDevice(serverUrl, { stream: false });
  devices.push(d);
  await d.session.restore();
  if (!(await d.session.signIn(DEMO.email, DEMO.password)).ok) throw new Error('the demo account did not sign in');
  const profiles = await d.session.listProfiles();
  if (!profiles.ok) throw new Error('no profiles');
  return { d, profileId: profiles.value.find((p) => !p.kids)!.id };
}

/**
 * A fresh in-memory service (control API on) for every test of the file: `onStart` receives it
 * and its URL before each test; after each, the `devices` made against it are disposed, the
 * service is closed and the temp dirs are removed. `options`: more of the service's options (a
 * media cache and a tiny encode, a clock, a short playback token lifetime…).
 */
export function useTestService(onStart: (server: CouchsideServer, url: string) => void, devices: Device[], options: Partial<ServerOptions> = {}): void {
  let server: CouchsideServer | undefined;
  beforeEach(async () => {
    server = await createServer({ dbPath: ':memory:', control: true, ...options });
    onStart(server, await server.listen(0, '127.0.0.1'));
  });
  afterEach(async () => {
    for (const d of devices.splice(0)) d.session.dispose();
    await server?.close();
    server = undefined;
    cleanupDirs();
  });
}
