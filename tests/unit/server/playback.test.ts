import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API, CONTROL, type PlaybackResponse, type ProfilesResponse } from '../../../shared/api';
import type { ApiErrorBody, Profile } from '../../../shared/types';
import type { CouchsideServer } from '../../../server/app';
import { CATALOG } from '../../../server/catalog-data';
import { readFragment, readInit } from '../../../server/media/fmp4';
import { timelineFor } from '../../../server/media/timeline';
import { bearer, CONTROL_JSON, DEVICE, jsonBody, memoryServer, signIn, signOutAll } from './helpers';
import { HAS_FFMPEG, TINY_MEDIA, WITHOUT_FFMPEG, tempMediaDir } from './media/helpers';

const GLASS = CATALOG.find((t) => t.id === 'glass-harbor')!; // TV-14, 131 min
const CRUMB = CATALOG.find((t) => t.id === 'captain-crumb-s-cookie-crew')!; // kids
const ORBIT = CATALOG.find((t) => t.id === 'orbit-of-ashes')!; // TV-MA
const ORCHARD = CATALOG.find((t) => t.id === 'the-orchard-between-us')!; // PG

const cache = tempMediaDir();
afterAll(() => cache.remove());

/** A signed-in device: its access token, id, and the demo account's profiles. */
interface Device {
  token: string;
  deviceId: string;
  adult: Profile;
  kids: Profile;
}

async function device(server: CouchsideServer, name = DEVICE.name): Promise<Device> {
  const session = await signIn(server, undefined, undefined, { ...DEVICE, name });
  const { profiles } = (await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(session.accessToken) })).json() as ProfilesResponse;
  return { token: session.accessToken, deviceId: session.deviceId, adult: profiles.find((p) => !p.kids)!, kids: profiles.find((p) => p.kids)! };
}

const play = (server: CouchsideServer, token: string, profileId: string, titleId: string) =>
  server.app.inject({ method: 'POST', url: API.playback, ...jsonBody({ profileId, titleId }, bearer(token)) });

/** GETs a media URL (absolute, or relative to `base`) through inject. */
function get(server: CouchsideServer, url: string, base?: string): Promise<LightMyRequestResponse> {
  const { pathname } = new URL(url, base);
  return server.app.inject({ method: 'GET', url: pathname });
}

const control = (server: CouchsideServer, body: unknown) => server.app.inject({ method: 'POST', url: CONTROL.playbackNetwork, ...jsonBody(body) });

describe('playback: when the media cannot be made', () => {
  it('answers 503 with the reason, logs that reason as a warning (no stack), and the service goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'couchside-no-ffmpeg-'));
    const logFile = join(dir, 'service.log');
    const server = await memoryServer({ media: { dir: join(dir, 'media'), ffmpegPath: '/nonexistent/ffmpeg', settings: TINY_MEDIA }, logFile });
    try {
      const tv = await device(server);
      const res = await play(server, tv.token, tv.adult.id, GLASS.id);
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/ffmpeg was not found/) });
      expect((await server.app.inject({ method: 'GET', url: API.health })).statusCode).toBe(200);
    } finally {
      await server.close();
    }
    try {
      // A reason the service gives on purpose is a warning an operator can read, not an error.
      const lines = readFileSync(logFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { level: number; msg: string; reason?: string; err?: unknown });
      const refused = lines.filter((l) => l.msg === 'request refused: unavailable');
      expect(refused).toEqual([expect.objectContaining({ level: 40, code: 'unavailable', reason: expect.stringMatching(/ffmpeg was not found/) })]);
      expect(refused[0]).not.toHaveProperty('err');
      expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('playback: closing the service while a first play waits for its encode', () => {
  it('answers the waiting device 503 and closes (its keep-alive connection does not hold the close open)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'couchside-slow-ffmpeg-'));
    // An "ffmpeg" that says it started, then never finishes: the encode is in flight for certain.
    const started = join(dir, 'started');
    const ffmpeg = join(dir, 'ffmpeg');
    writeFileSync(ffmpeg, `#!/bin/sh\ntouch '${started}'\nexec sleep 600\n`);
    chmodSync(ffmpeg, 0o755);
    const server = await memoryServer({ media: { dir: join(dir, 'media'), ffmpegPath: ffmpeg, settings: TINY_MEDIA } });
    try {
      const url = await server.listen();
      const session = await signIn(server);
      const { profiles } = (await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(session.accessToken) })).json() as ProfilesResponse;
      // A real client on a keep-alive connection (fetch keeps it open), as the host's proxy is.
      const answer = fetch(`${url}${API.playback}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(session.accessToken) },
        body: JSON.stringify({ profileId: profiles.find((p) => !p.kids)!.id, titleId: GLASS.id }),
      });
      await vi.waitFor(() => expect(existsSync(started)).toBe(true));
      await server.close();
      const res = await answer;
      expect(res.status).toBe(503);
      expect(((await res.json()) as ApiErrorBody).error.message).toMatch(/shutting down/);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('playback: asking for a session', () => {
  let server: CouchsideServer;
  beforeAll(async () => {
    server = await memoryServer({ media: { dir: cache.dir, settings: TINY_MEDIA } });
  });
  afterAll(() => server.close());

  it('needs a signed-in device, a profile of its account and a title it may see (Kids: kids titles only)', async () => {
    const tv = await device(server);
    expect((await server.app.inject({ method: 'POST', url: API.playback, ...jsonBody({ profileId: tv.adult.id, titleId: GLASS.id }) })).statusCode).toBe(401);
    const noProfile = await play(server, tv.token, 'nobody', GLASS.id);
    expect(noProfile.statusCode).toBe(404);
    expect(noProfile.json().error.field).toBe('profileId');
    const noTitle = await play(server, tv.token, tv.adult.id, 'no-such-title');
    expect(noTitle.json().error).toMatchObject({ code: 'not_found', field: 'titleId' });
    // A Kids profile may not play a title that is not for kids (the catalog's own 404 words).
    const kidsAdult = await play(server, tv.token, tv.kids.id, GLASS.id);
    expect(kidsAdult.statusCode).toBe(404);
    expect(kidsAdult.json().error).toMatchObject({ code: 'not_found', message: 'That title is not available on this profile.' });
    const bad = await server.app.inject({ method: 'POST', url: API.playback, ...jsonBody({ profileId: 7, titleId: GLASS.id }, bearer(tv.token)) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('profileId');
  });

  it('refuses a title rated above the profile\'s maturity level, with the catalog\'s 404 words, at every level', async () => {
    const tv = await device(server);
    const refused = async (maturity: string, titleId: string) => {
      server.db.prepare('UPDATE profiles SET maturity = ? WHERE id = ?').run(maturity, tv.adult.id);
      const res = await play(server, tv.token, tv.adult.id, titleId);
      expect(res.statusCode, `${maturity} ${titleId}`).toBe(404);
      expect(res.json().error).toEqual({ code: 'not_found', message: 'That title is not available on this profile.', field: 'titleId' });
    };
    try {
      await refused('kids', ORCHARD.id); // PG
      await refused('older-kids', GLASS.id); // TV-14
      await refused('teens', ORBIT.id); // TV-MA
    } finally {
      server.db.prepare("UPDATE profiles SET maturity = 'all' WHERE id = ?").run(tv.adult.id);
    }
  });

  it.skipIf(!HAS_FFMPEG)(`gives a manifest URL carrying a playback token, the stream's length and its tracks${WITHOUT_FFMPEG}`, async () => {
    const tv = await device(server);
    const res = await play(server, tv.token, tv.adult.id, GLASS.id);
    expect(res.statusCode).toBe(200);
    const body = res.json() as PlaybackResponse;
    expect(body.manifestUrl).toMatch(/^http:\/\/localhost:80\/v1\/media\/glass-harbor\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\/master\.m3u8$/);
    expect(body.durationSeconds).toBe(timelineFor(GLASS.runtimeMinutes, 3.2).durationSeconds);
    expect(body.segmentSeconds).toBe(3.2);
    expect(body.renditions.map((r) => r.name)).toEqual(['36p', '54p', '72p']);
    expect(body.audio).toEqual([
      { language: 'en', name: 'English' },
      { language: 'fr', name: 'Français' },
    ]);
    expect(body.subtitles.map((s) => s.language)).toEqual(['en', 'fr']);
    // Lasts the stream and an hour.
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(body.durationSeconds * 1000);
    // A Kids profile plays a kids title.
    expect((await play(server, tv.token, tv.kids.id, CRUMB.id)).statusCode).toBe(200);
  });
});

describe(`playback: the media under a token${WITHOUT_FFMPEG}`, () => {
  let server: CouchsideServer;
  let tv: Device;
  let manifest: string;
  let clock = Date.now();
  beforeAll(async () => {
    if (!HAS_FFMPEG) return;
    server = await memoryServer({ control: true, media: { dir: cache.dir, settings: TINY_MEDIA }, clock: () => clock, playbackTtlMs: 60_000 });
    await server.app.inject({ method: 'POST', url: CONTROL.rateLimits, ...jsonBody({ enabled: false }) });
    tv = await device(server);
    manifest = ((await play(server, tv.token, tv.adult.id, GLASS.id)).json() as PlaybackResponse).manifestUrl;
  });
  afterAll(() => server?.close());

  it.skipIf(!HAS_FFMPEG)('serves playlists, init segments, segments past the loop and subtitles, readable from any origin', async () => {
    const master = await get(server, manifest);
    expect(master.statusCode).toBe(200);
    expect(master.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(master.headers['access-control-allow-origin']).toBe('*');
    const uris = master.body.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(uris).toEqual(['video/36p.m3u8', 'video/54p.m3u8', 'video/72p.m3u8']);
    expect(master.body.match(/TYPE=AUDIO/g)).toHaveLength(2);
    expect(master.body.match(/TYPE=SUBTITLES/g)).toHaveLength(2);

    const segments = timelineFor(GLASS.runtimeMinutes, 3.2).segments;
    const videoPlaylist = await get(server, 'video/72p.m3u8', manifest);
    expect(videoPlaylist.statusCode).toBe(200);
    expect(videoPlaylist.body.match(/#EXTINF/g)).toHaveLength(segments);
    const base = new URL('video/72p.m3u8', manifest).href;
    const init = await get(server, '72p/init.mp4', base);
    expect(init.headers['content-type']).toBe('video/mp4');
    const { timescale, codec } = readInit(init.rawPayload);
    expect(codec).toMatch(/^avc1\./);
    // Segment 40 is 128 s in, twenty times round the 6.4 s loop: its decode time runs on.
    const segment = await get(server, '72p/40.m4s', base);
    expect(segment.statusCode).toBe(200);
    expect(readFragment(segment.rawPayload).decodeTime).toBe(40 * 3.2 * timescale);
    expect((await get(server, `72p/${segments - 1}.m4s`, base)).statusCode).toBe(200);
    expect((await get(server, `72p/${segments}.m4s`, base)).statusCode).toBe(404);

    const audioBase = new URL('audio/fr.m3u8', manifest).href;
    expect((await get(server, audioBase)).statusCode).toBe(200);
    const audio = await get(server, 'fr/40.m4s', audioBase);
    expect(audio.headers['content-type']).toBe('audio/mp4');
    expect(readFragment(audio.rawPayload).decodeTime).toBe(40 * 3.2 * 48000);

    const subsBase = new URL('subs/en.m3u8', manifest).href;
    expect((await get(server, subsBase)).body).toContain('\nen/40.vtt\n');
    const vtt = await get(server, 'en/40.vtt', subsBase);
    expect(vtt.headers['content-type']).toBe('text/vtt; charset=utf-8');
    expect(vtt.body).toContain('00:02:08.100 --> 00:02:11.100\n[00:02:08] Glass Harbor — line 41');

    for (const missing of ['video/1080p.m3u8', 'audio/de.m3u8', 'video/72p/x.m4s', 'subs/de/1.vtt', 'video/72p/01.m4s', 'other/72p/1.m4s']) {
      expect((await get(server, missing, manifest)).statusCode, missing).toBe(404);
    }
  });

  it.skipIf(!HAS_FFMPEG)('refuses every request without a genuine, current token for that title (401)', async () => {
    const [, , , titleId, token] = new URL(manifest).pathname.split('/');
    expect(titleId).toBe(GLASS.id);
    const path = (t: string, title = GLASS.id, file = 'video/72p/3.m4s') => `${API.media}/${title}/${t}/${file}`;
    const cases: [string, string][] = [
      ['no token', path('')],
      ['junk', path('not-a-token')],
      ['forged', path(`${token!.split('.')[0]}.${'A'.repeat(43)}`)],
      ['another title', path(token!, CRUMB.id)],
    ];
    for (const [what, url] of cases) {
      const res = await server.app.inject({ method: 'GET', url });
      expect([what, res.statusCode, res.json().error.code]).toEqual([what, 401, 'unauthorized']);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
    // Expired (the token lasts 60 s on this service's clock).
    clock += 61_000;
    try {
      const expired = await server.app.inject({ method: 'GET', url: path(token!) });
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.code).toBe('playback_expired');
    } finally {
      clock -= 61_000;
    }
    expect((await server.app.inject({ method: 'GET', url: path(token!) })).statusCode).toBe(200);
  });

  it.skipIf(!HAS_FFMPEG)("stops at the next request once the device's session is revoked (this device, or all devices)", async () => {
    const box = await device(server, 'Box');
    const url = ((await play(server, box.token, box.adult.id, GLASS.id)).json() as PlaybackResponse).manifestUrl;
    expect((await get(server, 'video/36p/5.m4s', url)).statusCode).toBe(200);
    expect((await server.app.inject({ method: 'POST', url: API.signOut, headers: bearer(box.token) })).statusCode).toBe(204);
    const refused = await get(server, 'video/36p/6.m4s', url);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error).toMatchObject({ code: 'session_revoked', reason: 'user' });
    expect((await get(server, url)).statusCode).toBe(401);

    // Signing out of all devices from another device stops this one's stream too.
    const tab = await device(server, 'Tablet');
    const other = await device(server, 'Phone');
    const tabUrl = ((await play(server, tab.token, tab.adult.id, GLASS.id)).json() as PlaybackResponse).manifestUrl;
    expect((await get(server, 'subs/fr/2.vtt', tabUrl)).statusCode).toBe(200);
    expect((await signOutAll(server, other.token)).statusCode).toBe(204);
    const after = await get(server, 'subs/fr/3.vtt', tabUrl);
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toMatchObject({ code: 'session_revoked', reason: 'all-devices' });
    tv = await device(server);
    manifest = ((await play(server, tv.token, tv.adult.id, GLASS.id)).json() as PlaybackResponse).manifestUrl;
  });

  it.skipIf(!HAS_FFMPEG)('stops when the profile may no longer see the title (its rating lowered below it, or it is gone)', async () => {
    const box = await device(server, 'Box');
    const url = ((await play(server, box.token, box.adult.id, GLASS.id)).json() as PlaybackResponse).manifestUrl;
    expect((await get(server, 'video/36p/5.m4s', url)).statusCode).toBe(200);
    const rate = (maturity: string) => server.db.prepare('UPDATE profiles SET maturity = ? WHERE id = ?').run(maturity, box.adult.id);
    try {
      // Teens still allows TV-14; Older kids does not.
      rate('teens');
      expect((await get(server, 'video/36p/6.m4s', url)).statusCode).toBe(200);
      rate('older-kids');
      const refused = await get(server, 'video/36p/6.m4s', url);
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe('unauthorized');
    } finally {
      rate('all');
    }
    expect((await get(server, 'video/36p/6.m4s', url)).statusCode).toBe(200);
  });
});

describe(`playback: the testers' network (control API)${WITHOUT_FFMPEG}`, () => {
  let server: CouchsideServer;
  let tv: Device;
  let manifest: string;
  beforeAll(async () => {
    if (!HAS_FFMPEG) return;
    server = await memoryServer({ control: true, media: { dir: cache.dir, settings: TINY_MEDIA } });
    tv = await device(server);
    manifest = ((await play(server, tv.token, tv.adult.id, GLASS.id)).json() as PlaybackResponse).manifestUrl;
  });
  afterAll(() => server?.close());

  const timed = async (url: string) => {
    const started = performance.now();
    const res = await get(server, url, manifest);
    return { res, ms: performance.now() - started };
  };

  it.skipIf(!HAS_FFMPEG)('refuses bad input with 400 and the field, an unknown device with 404', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ bandwidthKbps: 1 }, 'bandwidthKbps', /at least 8/],
      [{ bandwidthKbps: 2.5 }, 'bandwidthKbps', /wrong type|not valid/],
      [{ latencyMs: 'x' }, 'latencyMs', /wrong type/],
      [{ latencyMs: 30_001 }, 'latencyMs', /at most 30000/],
      [{ failSegments: 'yes' }, 'failSegments', /wrong type/],
      [{ forMs: 0 }, 'forMs', /at least 1/],
      [{ bandwidth: 300 }, 'bandwidth', /Unknown field "bandwidth"/],
    ];
    for (const [body, field, message] of cases) {
      const res = await control(server, body);
      expect([JSON.stringify(body), res.statusCode, res.json().error.field]).toEqual([JSON.stringify(body), 400, field]);
      expect(res.json().error.message).toMatch(message);
    }
    expect((await server.app.inject({ method: 'POST', url: CONTROL.playbackNetwork, headers: CONTROL_JSON, payload: '[1]' })).statusCode).toBe(400);
    const unknown = await control(server, { deviceId: 'nope', latencyMs: 10 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.field).toBe('deviceId');
  });

  it.skipIf(!HAS_FFMPEG)("fails a device's segments (503) for a while, and only its segments", async () => {
    const phone = await device(server, 'Phone');
    const phoneUrl = ((await play(server, phone.token, phone.adult.id, GLASS.id)).json() as PlaybackResponse).manifestUrl;
    const set = await control(server, { deviceId: tv.deviceId, failSegments: true, forMs: 300 });
    expect(set.json()).toMatchObject({ deviceId: tv.deviceId, failSegments: true, bandwidthKbps: null, latencyMs: 0 });
    const listed = await server.app.inject({ method: 'GET', url: CONTROL.playbackNetwork, headers: CONTROL_JSON });
    expect(listed.json().conditions).toHaveLength(1);
    const failed = await get(server, 'video/54p/2.m4s', manifest);
    expect(failed.statusCode).toBe(503);
    expect(failed.json().error.code).toBe('unavailable');
    expect((await get(server, 'video/54p.m3u8', manifest)).statusCode).toBe(200);
    expect((await get(server, 'video/54p/init.mp4', manifest)).statusCode).toBe(200);
    expect((await get(server, 'video/54p/2.m4s', phoneUrl)).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 350));
    expect((await get(server, 'video/54p/2.m4s', manifest)).statusCode).toBe(200);
    // Every device, then cleared by a call without knobs.
    await control(server, { failSegments: true });
    expect((await get(server, 'audio/en/9.m4s', phoneUrl)).statusCode).toBe(503);
    expect((await control(server, {})).json().until).toBeNull();
    expect((await get(server, 'audio/en/9.m4s', phoneUrl)).statusCode).toBe(200);
  });

  it.skipIf(!HAS_FFMPEG)('adds latency to each segment request and caps the bandwidth; a reset ends both', async () => {
    const plain = await timed('video/72p/4.m4s');
    await control(server, { deviceId: tv.deviceId, latencyMs: 300 });
    const late = await timed('video/72p/4.m4s');
    expect(late.ms).toBeGreaterThanOrEqual(290);
    expect(late.res.rawPayload.equals(plain.res.rawPayload)).toBe(true);

    const bytes = plain.res.rawPayload.length;
    const kbps = Math.round((bytes * 8) / 400); // this segment takes 400 ms at the cap
    await control(server, { deviceId: tv.deviceId, bandwidthKbps: kbps });
    const capped = await timed('video/72p/4.m4s');
    expect(capped.res.statusCode).toBe(200);
    expect(capped.res.headers['content-length']).toBe(String(bytes));
    expect(capped.res.rawPayload.equals(plain.res.rawPayload)).toBe(true);
    expect(capped.ms).toBeGreaterThan(320);

    await server.app.inject({ method: 'POST', url: CONTROL.reset, headers: CONTROL_JSON });
    expect((await server.app.inject({ method: 'GET', url: CONTROL.playbackNetwork, headers: CONTROL_JSON })).json()).toEqual({ conditions: [] });
  });
});

describe(`playback: a damaged cache${WITHOUT_FFMPEG}`, () => {
  it.skipIf(!HAS_FFMPEG)('answers 503 for a missing media file, not 500', async () => {
    const made = await memoryServer({ media: { dir: cache.dir, settings: TINY_MEDIA } });
    const tv = await device(made);
    expect((await play(made, tv.token, tv.adult.id, GLASS.id)).statusCode).toBe(200);
    await made.close();
    const copy = tempMediaDir();
    cpSync(cache.dir, copy.dir, { recursive: true });
    const server = await memoryServer({ media: { dir: copy.dir, settings: TINY_MEDIA } });
    try {
      const again = await device(server);
      const url = ((await play(server, again.token, again.adult.id, GLASS.id)).json() as PlaybackResponse).manifestUrl;
      const folder = readdirSync(copy.dir).find((f) => f.startsWith(`${GLASS.id}-`))!;
      rmSync(join(copy.dir, folder, 'video', '54p', '1.m4s'));
      const res = await get(server, 'video/54p/3.m4s', url);
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('unavailable');
    } finally {
      await server.close();
      copy.remove();
    }
  });
});

describe(`playback: logs${WITHOUT_FFMPEG}`, () => {
  it.skipIf(!HAS_FFMPEG)('never carry a playback token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'couchside-log-'));
    const logFile = join(dir, 'service.log');
    const server = await memoryServer({ logger: true, logFile, media: { dir: cache.dir, settings: TINY_MEDIA } });
    try {
      const tv = await device(server);
      const url = ((await play(server, tv.token, tv.adult.id, GLASS.id)).json() as PlaybackResponse).manifestUrl;
      const token = new URL(url).pathname.split('/')[4]!;
      expect(token).toMatch(/\./);
      expect((await get(server, url)).statusCode).toBe(200);
      expect((await get(server, 'video/36p/1.m4s', url)).statusCode).toBe(200);
      const log = readFileSync(logFile, 'utf8');
      expect(log).toContain(`${API.media}/glass-harbor/[token]/video/36p/1.m4s`);
      expect(log).not.toContain(token);
      expect(log).not.toContain(token.split('.')[1]!);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
