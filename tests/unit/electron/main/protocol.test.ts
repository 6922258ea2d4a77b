import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { protocol } from '../../../mocks/electron';
import { silentLogger } from '../../../../electron/core/log';
import { PlaybackSessions } from '../../../../electron/core/playback';
import { registerAppScheme, setupProtocol } from '../../../../electron/main/protocol';
import { HAS_FFMPEG, TINY_MEDIA, WITHOUT_FFMPEG, tempMediaDir } from '../../server/media/helpers';
import { signedInWithoutStream, useTestService, type Device } from '../core/helpers';

describe('app:// protocol', () => {
  const dir = mkdtempSync(join(tmpdir(), 'couchside-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<html>app</html>');
  registerAppScheme();
  setupProtocol(dir);
  const handle = (url: string) => protocol.handlers.get('app')!(new Request(url));

  it('is registered as a standard, secure scheme that media elements may stream from', () => {
    expect(protocol.privileged).toContainEqual(expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, stream: true }) }));
  });

  it('serves the built renderer with a strict CSP header', async () => {
    const res = await handle('app://couchside/index.html');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<html>app</html>');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // Media from the app's own origin and MSE blob: URLs; nothing wider.
    expect(res.headers.get('content-security-policy')).toContain("media-src 'self' blob:;");
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self';");
  });

  it('has no media without the core (a playback path is not a file)', async () => {
    expect((await handle(`app://couchside/playback/${'A'.repeat(22)}/master.m3u8`)).status).toBe(404);
  });

  it('refuses other hosts and paths that escape the renderer folder', async () => {
    expect((await handle('app://other/index.html')).status).toBe(404);
    // Dot segments are resolved by the URL parser and stay inside the folder (so: not found)…
    expect((await handle('app://couchside/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    // …and encoded slashes that would climb out after decoding are refused.
    expect((await handle('app://couchside/..%2F..%2F..%2Fetc%2Fpasswd')).status).toBe(403);
  });
});

describe(`app:// protocol: playback media through the core${WITHOUT_FFMPEG}`, () => {
  const cache = tempMediaDir();
  afterAll(() => cache.remove());
  let url = '';
  const devices: Device[] = [];
  useTestService((_s, u) => (url = u), devices, { media: { dir: cache.dir, settings: TINY_MEDIA } });
  const dir = mkdtempSync(join(tmpdir(), 'couchside-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<html>app</html>');
  const get = (path: string, init?: RequestInit) => protocol.handlers.get('app')!(new Request(`app://couchside${path}`, init));

  it.skipIf(!HAS_FFMPEG)('serves a playback on the app origin with the token added by the main process, and refuses other origins and methods', async () => {
    const { d, profileId } = await signedInWithoutStream(url, devices);
    const playback = new PlaybackSessions(d.session, url, silentLogger);
    setupProtocol(dir, playback);
    const r = await playback.start(profileId, 'glass-harbor');
    if (!r.ok) throw new Error(r.error.message);

    const master = await get(r.value.manifestUrl);
    expect(master.status).toBe(200);
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(master.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await master.text()).not.toMatch(/:\/\/|\/v1\//);
    const base = `app://couchside${r.value.manifestUrl}`;
    const segment = await get(new URL('video/72p/1.m4s', base).pathname, { headers: { origin: 'app://couchside', 'sec-fetch-site': 'same-origin' } });
    expect(segment.status).toBe(200);
    expect(segment.headers.get('content-type')).toBe('video/mp4');
    expect((await segment.arrayBuffer()).byteLength).toBeGreaterThan(100);
    const head = await get(r.value.manifestUrl, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');

    expect((await get(r.value.manifestUrl, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await get(r.value.manifestUrl, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await get(r.value.manifestUrl, { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await get(`/playback/${'B'.repeat(22)}/master.m3u8`)).status).toBe(404);
    expect((await protocol.handlers.get('app')!(new Request(`app://other${r.value.manifestUrl}`))).status).toBe(404);
    // The renderer's files are still served beside it.
    expect(await (await get('/index.html')).text()).toBe('<html>app</html>');

    // After a sign-out the same URL is gone.
    await d.session.signOut();
    expect((await get(r.value.manifestUrl)).status).toBe(404);
  });
});
