/**
 * The Electron app's own service process (server/service-process.ts), forked under Node the way
 * utilityProcess forks it: the same entry and message protocol (child_process's process.send
 * stands in for Electron's process.parentPort). Start, sign in, sign out of all devices, restart
 * over the same data folder with everything kept and nothing re-seeded, and the local-network
 * setting.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { API, type ProfilesResponse, type SignInResponse } from '../../../shared/api';
import type { ServiceReply, ServiceRequest } from '../../../server/service-protocol';
import { lanAddresses, type ServiceStatus } from '../../../server/service';
import { DEMO_ACCOUNT, DEVICE } from './helpers';
import { cleanupDirs, tempDir } from '../electron/core/helpers';

const ENTRY = resolve(__dirname, '../../../server/service-process.ts');

/** A forked service process and the messages it sent. */
class ServiceChild {
  readonly replies: ServiceReply[] = [];
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;
  private waiters: Array<() => void> = [];
  constructor(readonly child: ChildProcess) {
    child.on('message', (m) => {
      this.replies.push(m as ServiceReply);
      for (const w of this.waiters.splice(0)) w();
    });
    child.stdout?.on('data', (d: Buffer) => this.output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => this.output.push(d.toString()));
    this.exited = new Promise((done) => child.once('exit', (code) => done(code)));
  }
  send(msg: ServiceRequest): void {
    this.child.send(msg);
  }
  /** The first reply of `type` (waits for it; fails with the child's output if it exits first). */
  async next<T extends ServiceReply['type']>(type: T, from = 0): Promise<Extract<ServiceReply, { type: T }>> {
    for (;;) {
      const found = this.replies.slice(from).find((r) => r.type === type);
      if (found) return found as Extract<ServiceReply, { type: T }>;
      const gone = await Promise.race([new Promise<false>((done) => this.waiters.push(() => done(false))), this.exited.then(() => true)]);
      if (gone && !this.replies.slice(from).some((r) => r.type === type)) throw new Error(`service exited before "${type}": ${this.output.join('')}`);
    }
  }
}

const children: ServiceChild[] = [];
function forkService(): ServiceChild {
  const c = new ServiceChild(fork(ENTRY, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }));
  children.push(c);
  return c;
}

async function startIn(dataDir: string | null, extra: { lan?: boolean } = {}): Promise<{ svc: ServiceChild; status: ServiceStatus }> {
  const svc = forkService();
  svc.send({ type: 'start', options: { dataDir, port: 0, ...extra } });
  const ready = await svc.next('ready');
  return { svc, status: ready.status };
}

async function post(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function signIn(base: string): Promise<SignInResponse> {
  const res = await post(`${base}${API.signIn}`, { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, device: DEVICE });
  expect(res.status).toBe(200);
  return (await res.json()) as SignInResponse;
}

const get = (url: string, token: string) => fetch(url, { headers: { authorization: `Bearer ${token}` } });

afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    await c.exited;
  }
});
afterAll(() => cleanupDirs());

describe('the app’s own service process, forked under Node', () => {
  it('starts on loopback, signs in, signs out of all devices, and after a restart keeps the data and the revocation', async () => {
    const dataDir = tempDir();
    const first = await startIn(dataDir);
    expect(first.status.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.status.lan).toEqual({ enabled: false, urls: [], problem: null });
    const base = first.status.url;

    // The demo household is there on first run; a profile added now must survive the restart.
    const tv = await signIn(base);
    const created = await post(`${base}${API.profiles}`, { name: 'Grandma', avatar: 'owl', maturity: 'all' }, tv.accessToken);
    expect(created.status).toBe(201);
    const laptop = await signIn(base);

    // Sign out of all devices from one device: every session is refused at once.
    expect((await post(`${base}${API.signOutAll}`, { password: DEMO_ACCOUNT.password }, laptop.accessToken)).status).toBe(204);
    expect((await get(`${base}${API.session}`, tv.accessToken)).status).toBe(401);

    // Stop: the process says so and exits cleanly.
    const stoppedAt = first.svc.replies.length;
    first.svc.send({ type: 'stop' });
    await first.svc.next('stopped', stoppedAt);
    expect(await first.svc.exited).toBe(0);

    // Restart over the same folder: the revocation held, the new profile is there, no second demo household.
    const second = await startIn(dataDir);
    const again = second.status.url;
    expect((await get(`${again}${API.session}`, tv.accessToken)).status).toBe(401);
    const fresh = await signIn(again);
    const profiles = (await (await get(`${again}${API.profiles}`, fresh.accessToken)).json()) as ProfilesResponse;
    expect(profiles.profiles.map((p) => p.name)).toEqual(['Alex', 'Sam', 'Jordan', 'Kids', 'Grandma']);
  });

  it('says why it failed when it cannot open its data folder, and exits', async () => {
    // A data folder inside a file cannot be created.
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, '');
    const svc = forkService();
    svc.send({ type: 'start', options: { dataDir: join(file, 'service'), port: 0 } });
    const failed = await svc.next('failed');
    expect(failed.message).toMatch(/ENOTDIR.*not-a-folder/);
    expect(await svc.exited).toBe(1);
  });

  it('exits when the app that started it goes away', async () => {
    const { svc } = await startIn(null);
    svc.child.disconnect();
    expect(await svc.exited).toBe(0);
  });

  const lan = lanAddresses();
  it.skipIf(lan.length === 0)('opens the account page and the API to the local network on request, and closes them again', async () => {
    const { svc, status } = await startIn(null);
    const port = new URL(status.url).port;
    svc.send({ type: 'set-lan', id: 1, on: true });
    const opened = (await svc.next('lan')).status;
    expect(opened.lan).toEqual({ enabled: true, urls: lan.map((a) => `http://${a}:${port}`), problem: null });
    const page = await fetch(`${opened.lan.urls[0]}/account/login`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sign in');
    // The API works from the network too (a phone's browser, another TV).
    await signIn(opened.lan.urls[0]!);

    const at = svc.replies.length;
    svc.send({ type: 'set-lan', id: 2, on: false });
    const closed = (await svc.next('lan', at)).status;
    expect(closed.lan).toEqual({ enabled: false, urls: [], problem: null });
    await expect(fetch(`http://${lan[0]}:${port}/account/login`)).rejects.toThrow();
    // Loopback is untouched.
    expect((await fetch(`${status.url}/account/login`)).status).toBe(200);
  });
});
