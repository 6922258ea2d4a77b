/**
 * The real server process, killed with SIGKILL right after it acknowledged "sign out of all
 * devices": the revocation must already be on disk when the 204 goes out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { API, type SignInResponse, type TokenSet } from '../../../shared/api';
import { DEMO_ACCOUNT, DEVICE } from './helpers';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const dataDir = mkdtempSync(join(tmpdir(), 'couchside-crash-'));
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `server/main.ts` on a free port over `dataDir` and resolves with its URL (read from the listening line). */
function startServer(): Promise<{ url: string; child: ChildProcess }> {
  // `node --import tsx` rather than the tsx CLI: the CLI runs the server in a grandchild process,
  // which a SIGKILL of the CLI would leave running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out} ${err}`)), 8000);
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ url: match[1]!, child });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${err}`));
    });
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolvePromise) => {
    child.once('exit', () => {
      children.delete(child);
      resolvePromise();
    });
    child.kill('SIGKILL');
  });
}

const post = (url: string, body?: unknown, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

describe('durability across a hard kill', () => {
  it('a sign-out-all acknowledged with 204 survives SIGKILL and a restart on the same data dir', async () => {
    const first = await startServer();
    const signIn = async () => (await (await post(first.url + API.signIn, { ...DEMO_ACCOUNT, device: DEVICE })).json()) as SignInResponse;
    const tv = await signIn();
    const laptop = await signIn();
    // A rotation too, so the newest refresh token is the one to check.
    const rotated = (await (await post(first.url + API.refresh, { refreshToken: laptop.refreshToken })).json()) as TokenSet;

    const res = await post(first.url + API.signOutAll, { password: DEMO_ACCOUNT.password }, tv.accessToken);
    expect(res.status).toBe(204);
    await killHard(first.child);

    const second = await startServer();
    try {
      for (const token of [tv.accessToken, laptop.accessToken, rotated.accessToken]) {
        const r = await fetch(second.url + API.session, { headers: { authorization: `Bearer ${token}` } });
        expect(r.status).toBe(401);
        expect(((await r.json()) as { error: unknown }).error).toMatchObject({ code: 'session_revoked', reason: 'all-devices' });
      }
      const r = await post(second.url + API.refresh, { refreshToken: rotated.refreshToken });
      expect(r.status).toBe(401);
      expect(((await r.json()) as { error: unknown }).error).toMatchObject({ code: 'session_revoked', reason: 'all-devices' });
    } finally {
      await killHard(second.child);
    }
  });
});
