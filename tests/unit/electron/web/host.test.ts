import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WEB_BRIDGE_PATH, type PlaybackInfo, type WebBridgeMessage } from '../../../../shared/bridge';
import { createServer } from '../../../../server/app';
import { silentLogger } from '../../../../electron/core/log';
import { startWebHost, type WebHost, type WebHostOptions } from '../../../../electron/web/host';
import { HAS_FFMPEG, TINY_MEDIA, WITHOUT_FFMPEG, tempMediaDir } from '../../server/media/helpers';
import { cleanupDirs, DEMO, tempDir } from '../core/helpers';

let host: WebHost | null = null;

afterEach(async () => {
  await host?.close();
  host = null;
  cleanupDirs();
});

async function start(extra: Partial<WebHostOptions> = {}): Promise<WebHost> {
  const rendererDir = tempDir();
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  host = await startWebHost({
    serverUrl: 'http://127.0.0.1:9',
    userDataDir: tempDir(),
    rendererDir,
    port: 0,
    version: '0.0.0-test',
    log: silentLogger,
    env: {},
    ...extra,
  });
  return host;
}

/** Opens a launch link as a browser would: the Set-Cookie it answers with, as a Cookie header. */
async function launchCookie(h: WebHost): Promise<string> {
  const res = await fetch(h.launchUrl(), { redirect: 'manual' });
  expect(res.status).toBe(303);
  const set = res.headers.get('set-cookie') ?? '';
  expect(set).toMatch(/HttpOnly/);
  expect(set).toMatch(/SameSite=Strict/);
  return set.split(';')[0]!;
}

/** A bridge connection from the host's own page, and every message it receives. */
async function bridge(h: WebHost): Promise<{ ws: WebSocket; messages: WebBridgeMessage[]; call(method: string, ...args: unknown[]): Promise<unknown> }> {
  const cookie = await launchCookie(h);
  const origin = h.url.replace(/\/$/, '');
  const { ws } = await connect(`${origin.replace('http', 'ws')}${WEB_BRIDGE_PATH}`, origin, cookie);
  const messages: WebBridgeMessage[] = [];
  const waiting = new Map<number, (v: unknown) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as WebBridgeMessage;
    messages.push(m);
    if ('id' in m) waiting.get(m.id)?.(m.result);
  });
  let next = 0;
  return {
    ws,
    messages,
    call: (method, ...args) =>
      new Promise((resolve) => {
        const id = ++next;
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, method, args }));
      }),
  };
}

function connect(url: string, origin: string | undefined, cookie?: string): Promise<{ opened: boolean; status?: number; ws: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { ...(origin ? { origin } : {}), ...(cookie ? { headers: { cookie } } : {}) });
    ws.on('open', () => resolve({ opened: true, ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode, ws }));
    ws.on('error', () => resolve({ opened: false, ws }));
  });
}

describe('web host', () => {
  it('serves the renderer only to a browser that opened a launch link, with a strict CSP, on loopback only', async () => {
    const h = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(h.launchUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    // The bare address (any local process can fetch it) says where to find the link, and holds no secret.
    const bare = await fetch(h.url);
    expect(bare.status).toBe(403);
    const text = await bare.text();
    expect(text).toContain('launch link');
    expect(text).not.toMatch(/<meta name="couchside-bridge/);
    const cookie = await launchCookie(h);
    const res = await fetch(h.url, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    // A reload and a second tab send the cookie again: still served.
    expect((await fetch(h.url, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${h.url}assets/app.js`)).status).toBe(200);
  });

  it('a launch link works once; a spent or made-up token gets the page that says where to find the link', async () => {
    const h = await start();
    const link = h.launchUrl();
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(303);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(403);
    expect((await fetch(`${h.url}?token=made-up`, { redirect: 'manual' })).status).toBe(403);
  });

  it('uses a new cookie value on every launch', async () => {
    const a = await launchCookie(await start());
    await host!.close();
    const b = await launchCookie(await start());
    expect(a).not.toBe(b);
  });

  it('accepts a bridge connection only from its own page in a browser holding its cookie', async () => {
    const h = await start();
    const cookie = await launchCookie(h);
    const origin = h.url.replace(/\/$/, '');
    const wsBase = origin.replace('http', 'ws') + WEB_BRIDGE_PATH;

    // What a local process that read the page can do: nothing without the cookie.
    const noCookie = await connect(wsBase, origin);
    expect(noCookie).toMatchObject({ opened: false, status: 403 });
    const wrongCookie = await connect(wsBase, origin, `${cookie.split('=')[0]}=nope`);
    expect(wrongCookie).toMatchObject({ opened: false, status: 403 });
    const otherOrigin = await connect(wsBase, 'http://evil.example', cookie);
    expect(otherOrigin).toMatchObject({ opened: false, status: 403 });
    const noOrigin = await connect(wsBase, undefined, cookie);
    expect(noOrigin).toMatchObject({ opened: false, status: 403 });

    const good = await connect(wsBase, origin, cookie);
    expect(good.opened).toBe(true);
    const answer = await new Promise<unknown>((resolve) => {
      good.ws.once('message', (d) => resolve(JSON.parse(d.toString())));
      good.ws.send(JSON.stringify({ id: 1, method: 'getAppInfo', args: [] }));
    });
    expect(answer).toMatchObject({ id: 1, result: { host: 'web', version: '0.0.0-test' } });
    good.ws.close();
  });

  it('answers every verb, one that returns nothing too (with null, so the page\'s call settles)', async () => {
    const h = await start();
    const b = await bridge(h);
    // checkSession, cancelCodeSignIn and reportError return nothing: without an answer the
    // page's promise would wait (and its request stay in flight) for ever.
    expect(await b.call('checkSession')).toBeNull();
    expect(await b.call('cancelCodeSignIn')).toBeNull();
    expect(await b.call('reportError', { source: 'window', message: 'x' })).toBeNull();
    b.ws.close();
  });

  it('closes a bridge connection that sends a call to an unknown verb', async () => {
    const h = await start();
    const cookie = await launchCookie(h);
    const origin = h.url.replace(/\/$/, '');
    const { ws } = await connect(`${origin.replace('http', 'ws')}${WEB_BRIDGE_PATH}`, origin, cookie);
    const code = await new Promise<number>((resolve) => {
      ws.on('close', (c) => resolve(c));
      ws.send(JSON.stringify({ id: 1, method: 'constructor', args: [] }));
    });
    expect(code).toBe(1008);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const h = await start();
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = request(h.url, { headers: { host: 'attacker.example:80' } }, (res) => resolve(res.statusCode ?? 0));
      req.end();
    });
    expect(status).toBe(421);
  });

  it('serves kiosk mode: state, PIN, kiosk-changed to every page, and onKioskExit after the right PIN', async () => {
    let exits = 0;
    const h = await start({ kiosk: { kiosk: true, idleResetSeconds: 30 }, onKioskExit: () => (exits += 1) });
    const page = await bridge(h);
    expect(await page.call('getKiosk')).toMatchObject({ enabled: true, source: 'flag', pinSet: false, idleResetSeconds: 30 });
    expect(await page.call('getAppInfo')).toMatchObject({ kiosk: true });
    expect(await page.call('enableKiosk', '2468')).toMatchObject({ ok: true, value: { pinSet: true } });
    expect(await page.call('exitKiosk', '1357')).toMatchObject({ ok: false, error: { code: 'wrong_pin', message: 'Wrong PIN. 4 tries left.' } });
    expect(await page.call('exitKiosk', '2468')).toMatchObject({ ok: true, value: { enabled: false } });
    const events = page.messages.filter((m): m is Extract<WebBridgeMessage, { event: 'kiosk-changed' }> => 'event' in m && m.event === 'kiosk-changed');
    expect(events.map((e) => [e.state.enabled, e.state.pinSet])).toEqual([
      [true, true],
      [false, true],
    ]);
    expect(JSON.stringify(page.messages)).not.toMatch(/scrypt|2468/);
    await new Promise((r) => setTimeout(r, 300));
    expect(exits).toBe(1);
    // Leaving again (already off) does not close anything more.
    await page.call('exitKiosk', '2468');
    await new Promise((r) => setTimeout(r, 300));
    expect(exits).toBe(1);
    page.ws.close();
  });

  it('still takes `kiosk: true`, reads the env switches, and keeps the setting in its own store', async () => {
    const dir = tempDir();
    const a = await start({ kiosk: true, userDataDir: dir });
    expect(a.kiosk.getState()).toMatchObject({ enabled: true, source: 'flag' });
    await a.kiosk.enable('1234', { demoMode: true });
    await a.close();
    const b = await start({ userDataDir: dir, env: { COUCHSIDE_IDLE_RESET: '45' } });
    expect(b.kiosk.getState()).toMatchObject({ enabled: false, pinSet: true, demoMode: true, idleResetSeconds: 45 });
    await b.close();
    const c = await start({ userDataDir: tempDir(), env: { COUCHSIDE_KIOSK: '1' } });
    expect(c.kiosk.getState()).toMatchObject({ enabled: true, source: 'env', pinSet: false, demoMode: false });
  });

  it.each([
    ['a text frame over the 64 KiB limit', (ws: WebSocket) => ws.send('x'.repeat(70 * 1024))],
    ['a text frame with invalid UTF-8', (ws: WebSocket) => (ws as unknown as { _sender: { sendFrame(l: Buffer[]): void } })._sender.sendFrame([Buffer.from([0x81, 0x82, 0, 0, 0, 0, 0xc3, 0x28])])],
  ])('%s closes that socket only; the host and other windows stay up', async (_what, sendBad) => {
    const h = await start();
    const good = await bridge(h);
    const bad = await bridge(h);
    const closed = new Promise<number>((resolve) => bad.ws.on('close', (code) => resolve(code)));
    bad.ws.on('error', () => {});
    sendBad(bad.ws);
    expect([1007, 1009]).toContain(await closed);
    // Still serving: the other window's calls are answered and new windows connect.
    expect(await good.call('getAppInfo')).toMatchObject({ host: 'web' });
    const again = await bridge(h);
    expect(await again.call('getAppInfo')).toMatchObject({ host: 'web' });
    expect(h.bridgeClients()).toBe(2);
  });
});

describe('web host: playback media on its own origin', () => {
  const id = 'A'.repeat(22);

  it('sends a CSP that lets media come from its own origin and MSE blob: URLs, nothing wider', async () => {
    const h = await start();
    const csp = (await fetch(h.url, { headers: { cookie: await launchCookie(h) } })).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("media-src 'self' blob:;");
    expect(csp).toContain("connect-src 'self';");
  });

  it('refuses media without its cookie, from another origin or site; an unknown playback is a 404', async () => {
    const h = await start();
    const cookie = await launchCookie(h);
    const origin = h.url.replace(/\/$/, '');
    const path = `${h.url}playback/${id}/master.m3u8`;
    expect((await fetch(path)).status).toBe(403);
    expect((await fetch(path, { headers: { cookie: `${cookie.split('=')[0]}=nope` } })).status).toBe(403);
    expect((await fetch(path, { headers: { cookie, origin: 'http://evil.example' } })).status).toBe(403);
    expect((await fetch(path, { headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    const unknown = await fetch(path, { headers: { cookie, origin, 'sec-fetch-site': 'same-origin' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await fetch(`${h.url}playback/${id}/..%2F..%2Fv1%2Fsession`, { headers: { cookie } })).status).toBe(404);
  });

  it.skipIf(!HAS_FFMPEG)(`plays through the host: the page gets a token-free URL, the host streams playlists and segments${WITHOUT_FFMPEG}`, async () => {
    const cache = tempMediaDir();
    const service = await createServer({ dbPath: ':memory:', media: { dir: cache.dir, settings: TINY_MEDIA } });
    try {
      const serverUrl = await service.listen(0, '127.0.0.1');
      const h = await start({ serverUrl });
      const page = await bridge(h);
      const cookie = await launchCookie(h);
      expect(await page.call('signIn', DEMO.email, DEMO.password)).toMatchObject({ ok: true });
      const profiles = (await page.call('listProfiles')) as { ok: true; value: { id: string; kids: boolean }[] };
      const r = (await page.call('startPlayback', profiles.value.find((p) => !p.kids)!.id, 'glass-harbor')) as { ok: true; value: PlaybackInfo };
      expect(r.ok).toBe(true);
      expect(r.value.manifestUrl).toMatch(/^\/playback\/[A-Za-z0-9_-]{22}\/master\.m3u8$/);
      expect(JSON.stringify(page.messages)).not.toMatch(/\/v1\/media\//);

      const manifest = new URL(r.value.manifestUrl, h.url).href;
      expect((await fetch(manifest)).status).toBe(403);
      const master = await fetch(manifest, { headers: { cookie } });
      expect(master.status).toBe(200);
      expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
      expect(master.headers.get('cache-control')).toBe('no-store');
      expect(await master.text()).not.toMatch(/:\/\/|\/v1\//);
      const segment = await fetch(new URL('video/36p/0.m4s', manifest), { headers: { cookie } });
      expect(segment.status).toBe(200);
      expect(segment.headers.get('content-type')).toBe('video/mp4');
      expect((await segment.arrayBuffer()).byteLength).toBeGreaterThan(100);
      page.ws.close();
    } finally {
      await host?.close();
      host = null;
      await service.close();
      cache.remove();
    }
  });
});
