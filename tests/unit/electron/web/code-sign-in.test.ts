import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { WEB_BRIDGE_PATH, type CodeSignInState, type SessionState, type WebBridgeMessage } from '../../../../shared/bridge';
import { silentLogger } from '../../../../electron/core/log';
import { startWebHost, type WebHost } from '../../../../electron/web/host';
import { createServer, type CouchsideServer } from '../../../../server/app';
import { ControlClient } from '../../../kit/control-client';
import { cleanupDirs, DEMO, tempDir } from '../core/helpers';

let host: WebHost | null = null;
let server: CouchsideServer | null = null;

afterEach(async () => {
  await host?.close();
  await server?.close();
  host = null;
  server = null;
  cleanupDirs();
});

/** A page of the web host on its bridge socket, with every message it receives. */
async function page(h: WebHost) {
  // As a browser: open the launch link, keep the cookie it sets, send it with the socket.
  const cookie = ((await fetch(h.launchUrl(), { redirect: 'manual' })).headers.get('set-cookie') ?? '').split(';')[0]!;
  const origin = h.url.replace(/\/$/, '');
  const ws = new WebSocket(`${origin.replace('http', 'ws')}${WEB_BRIDGE_PATH}`, { origin, headers: { cookie } });
  await new Promise((resolve, reject) => {
    ws.on('open', resolve);
    ws.on('error', reject);
  });
  const messages: WebBridgeMessage[] = [];
  const waiting = new Map<number, (v: unknown) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as WebBridgeMessage;
    messages.push(m);
    if ('id' in m) waiting.get(m.id)?.(m.result);
  });
  let next = 0;
  const call = (method: string, ...args: unknown[]) =>
    new Promise<unknown>((resolve) => {
      const id = ++next;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, method, args }));
    });
  const codeStates = () =>
    messages.flatMap((m) => ('event' in m && m.event === 'code-sign-in-changed' ? [m.state as CodeSignInState] : []));
  const sessionStates = () => messages.flatMap((m) => ('event' in m && m.event === 'session-changed' ? [m.state as SessionState] : []));
  return { ws, messages, call, codeStates, sessionStates };
}

describe('web host: sign in with a code', () => {
  it('sends code-sign-in-changed to every page, signs in on approval, and never shows the device code', async () => {
    // A 1-second interval keeps this quick; the web host polls with real timers.
    server = await createServer({ dbPath: ':memory:', control: true, deviceCodeIntervalSeconds: 1 });
    const serverUrl = await server.listen(0, '127.0.0.1');
    const rendererDir = tempDir();
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
    mkdirSync(join(rendererDir, 'assets'));
    host = await startWebHost({ serverUrl, userDataDir: tempDir(), rendererDir, port: 0, version: '0.0.0-test', log: silentLogger, env: {}, deviceName: 'Den TV' });
    await vi.waitFor(() => expect(host!.session.getState().status).toBe('signed-out'));
    const tv = await page(host);
    const other = await page(host);

    const started = (await tv.call('startCodeSignIn')) as { ok: true; value: Extract<CodeSignInState, { status: 'waiting' }> };
    expect(started).toMatchObject({ ok: true, value: { status: 'waiting', intervalSeconds: 1, offline: false } });
    const { userCode } = started.value;
    for (const p of [tv, other]) {
      await vi.waitFor(() => expect(p.codeStates().map((s) => s.status)).toEqual(['requesting', 'waiting']));
      expect(p.codeStates()[1]).toEqual(started.value);
    }

    const control = new ControlClient(serverUrl);
    expect(await control.approveDeviceCode(userCode, DEMO.email)).toEqual({ deviceName: 'Den TV' });
    for (const p of [tv, other]) {
      await vi.waitFor(() => expect(p.sessionStates().at(-1)).toMatchObject({ status: 'signed-in', account: { email: DEMO.email } }), { timeout: 10_000 });
      await vi.waitFor(() => expect(p.codeStates().at(-1)).toEqual({ status: 'idle' }));
    }
    const wire = JSON.stringify([...tv.messages, ...other.messages]);
    expect(wire).not.toMatch(/deviceCode|accessToken|refreshToken/);
    expect(await tv.call('startCodeSignIn')).toEqual({ ok: false, error: { code: 'failed', message: 'Already signed in.' } });
    tv.ws.close();
    other.ws.close();
  });

  it('cancelCodeSignIn stops the flow and says so', async () => {
    server = await createServer({ dbPath: ':memory:', control: true });
    const serverUrl = await server.listen(0, '127.0.0.1');
    const rendererDir = tempDir();
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    host = await startWebHost({ serverUrl, userDataDir: tempDir(), rendererDir, port: 0, version: '0.0.0-test', log: silentLogger, env: {} });
    await vi.waitFor(() => expect(host!.session.getState().status).toBe('signed-out'));
    const tv = await page(host);
    await tv.call('startCodeSignIn');
    await tv.call('cancelCodeSignIn');
    await vi.waitFor(() => expect(tv.codeStates().map((s) => s.status)).toEqual(['requesting', 'waiting', 'idle']));
    expect(host.session.getCodeSignInState()).toEqual({ status: 'idle' });
    expect(await new ControlClient(serverUrl).deviceCodes()).toHaveLength(1);
    tv.ws.close();
  });
});
