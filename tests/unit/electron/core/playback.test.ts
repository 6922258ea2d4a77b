/**
 * Playback through the host: the startPlayback verb, and the core's media proxy against a real
 * service. The renderer gets a URL on the host's own origin with no token in it, and playlists
 * with relative URIs only; the token is added on the way to the service. An expired playback
 * token is renewed transparently (never a sign-out); a revoked session makes the next segment a
 * sign-out through the one clear(); a sign-out drops every playback.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlaybackResponse } from '../../../../shared/api';
import type { AppInfo, PlaybackInfo, Result } from '../../../../shared/bridge';
import { ApiClient, ApiError, PLAYBACK_TIMEOUT_MS } from '../../../../electron/core/api-client';
import { createBridgeHandlers } from '../../../../electron/core/bridge-handlers';
import { DemoReset } from '../../../../electron/core/demo-reset';
import { KioskController } from '../../../../electron/core/kiosk';
import { silentLogger } from '../../../../electron/core/log';
import { parsePath, PlaybackSessions, type MediaAnswer } from '../../../../electron/core/playback';
import { ControlClient } from '../../../kit/control-client';
import { HAS_FFMPEG, TINY_MEDIA, WITHOUT_FFMPEG, tempMediaDir } from '../../server/media/helpers';
import { cleanupDirs, DEMO, makeDevice, signedInWithoutStream, useTestService, type Device } from './helpers';

const GLASS = 'glass-harbor';
const cache = tempMediaDir();
afterAll(() => cache.remove());

/** The service's clock runs `offset` ms ahead of the real one (playback tokens expire by it). */
let offset = 0;
let url = '';
let control: ControlClient;
const devices: Device[] = [];
useTestService(
  (_server, u) => {
    url = u;
    control = new ControlClient(u);
  },
  devices,
  { media: { dir: cache.dir, settings: TINY_MEDIA }, playbackTtlMs: 60_000, clock: () => Date.now() + offset },
);
beforeEach(() => {
  offset = 0;
});

/**
 * A signed-in device with no event stream (so a revocation can reach it only through its media
 * requests), its bridge verbs and its playback sessions; `asked` records the service's answers to
 * POST /v1/playback (tokens and all), which the renderer never gets.
 */
async function tv() {
  const { d, profileId } = await signedInWithoutStream(url, devices);
  const asked = vi.spyOn(d.session, 'requestPlayback');
  const playback = new PlaybackSessions(d.session, url, silentLogger);
  const appInfo: AppInfo = { version: '0.0.0-test', serverUrl: url, host: 'web', kiosk: false };
  const controller = new KioskController(d.kv, { log: silentLogger });
  const demo = new DemoReset({ api: new ApiClient({ baseUrl: url }), session: d.session, kiosk: controller, credentials: DEMO, log: silentLogger });
  const h = createBridgeHandlers(d.session, appInfo, { controller, demo }, d.kv, undefined, silentLogger, playback);
  /** The playback tokens the service handed out so far. */
  const tokens = async () => {
    const answers = (await Promise.all(asked.mock.results.map((r) => r.value as Promise<Result<PlaybackResponse>>))).filter((r) => r.ok);
    return answers.map((r) => /\/v1\/media\/[^/]+\/([^/]+)\/master\.m3u8$/.exec(r.value.manifestUrl)![1]!);
  };
  return { d, profileId, playback, h, asked, tokens };
}

async function text(answer: MediaAnswer): Promise<string> {
  return typeof answer.body === 'string' ? answer.body : new Response(answer.body).text();
}

async function bytes(answer: MediaAnswer): Promise<Uint8Array> {
  return typeof answer.body === 'string' ? new TextEncoder().encode(answer.body) : new Uint8Array(await new Response(answer.body).arrayBuffer());
}

/** The URIs of a playlist (its lines that are not tags, and its URI="…" attributes). */
function uris(playlist: string): string[] {
  const lines = playlist.split('\n').filter((l) => l && !l.startsWith('#'));
  const attrs = [...playlist.matchAll(/URI="([^"]+)"/g)].map((m) => m[1]!);
  return [...lines, ...attrs];
}

/** A host-relative path, as a player resolves `uri` against the playlist at `from`. */
const resolve = (uri: string, from: string) => new URL(uri, `http://host${from}`).pathname;

describe('startPlayback: the verb', () => {
  it('checks its arguments before the core sees them, and needs a signed-in session', async () => {
    const d = makeDevice('http://127.0.0.1:9', { stream: false });
    devices.push(d);
    const controller = new KioskController(d.kv, { log: silentLogger });
    const demo = new DemoReset({ api: new ApiClient({ baseUrl: 'http://127.0.0.1:9' }), session: d.session, kiosk: controller, credentials: DEMO, log: silentLogger });
    const h = createBridgeHandlers(d.session, { version: '0', serverUrl: 'http://127.0.0.1:9', host: 'web', kiosk: false }, { controller, demo }, d.kv);
    const asked = vi.spyOn(d.session, 'requestPlayback');
    const call = h as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    expect(await call.startPlayback!(7, GLASS)).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Unknown profile.', field: 'profileId' } });
    expect(await call.startPlayback!('p1')).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Unknown title.', field: 'titleId' } });
    expect(await call.startPlayback!('p1', '')).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'titleId' } });
    expect(await call.startPlayback!('p1', 'x'.repeat(101))).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'titleId' } });
    expect(await call.startPlayback!({ id: 'p1' }, GLASS)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'profileId' } });
    expect(asked).not.toHaveBeenCalled();
    await d.session.restore();
    expect(await h.startPlayback('p1', GLASS)).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    cleanupDirs();
  });

  it('waits longer than other calls for a first play (its media is being made)', () => {
    expect(PLAYBACK_TIMEOUT_MS).toBeGreaterThanOrEqual(60_000);
  });

  it('never counts an expired playback token as a sign-out', () => {
    const expired = new ApiError(401, 'playback_expired', 'This playback has expired.');
    expect(expired.isAuthFailure).toBe(false);
    expect(expired.isTokenExpired).toBe(false);
    expect(new ApiError(401, 'session_revoked', 'x', 'all-devices').isAuthFailure).toBe(true);
  });

  it('serves only /playback/<id>/<plain names>', () => {
    const id = 'A'.repeat(22);
    expect(parsePath(`/playback/${id}/master.m3u8`)).toEqual({ id, rest: 'master.m3u8' });
    expect(parsePath(`/playback/${id}/video/72p/3.m4s?x=1`)).toEqual({ id, rest: 'video/72p/3.m4s' });
    for (const bad of [`/playback/${id}`, `/playback/${id}/`, `/playback/${id}/../x`, `/playback/${id}/%2e%2e/x`, `/playback/short/master.m3u8`, `/other/${id}/master.m3u8`, `/playback/${id}/a/b/c/d`]) {
      expect(parsePath(bad)).toBeNull();
    }
  });
});

describe(`the media proxy against a real service${WITHOUT_FFMPEG}`, () => {
  it.skipIf(!HAS_FFMPEG)('fetches the master playlist, a media playlist and segments without the renderer ever seeing the token', async () => {
    const { h, playback, tokens } = await tv();
    const r = await h.startPlayback((await tv0Profile(h)) ?? '', GLASS);
    expect(r.ok).toBe(true);
    const info = (r as { ok: true; value: PlaybackInfo }).value;
    const [token] = await tokens();
    expect(token).toBeTruthy();
    // What the renderer gets: a path on the host's own origin, an opaque id, no token, no service address.
    expect(info.manifestUrl).toBe(`/playback/${info.playbackId}/master.m3u8`);
    expect(JSON.stringify(info)).not.toContain(token);
    expect(JSON.stringify(info)).not.toContain(url);
    expect(info).toMatchObject({ segmentSeconds: 3.2, renditions: [{ name: '36p' }, { name: '54p' }, { name: '72p' }], audio: [{ language: 'en' }, { language: 'fr' }], languages: { audio: 'en', subtitles: null } });

    const master = await playback.serve(info.manifestUrl);
    expect(master.status).toBe(200);
    expect(master.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    const masterText = await text(master);
    expect(masterText).not.toContain(token!);
    expect(uris(masterText).length).toBeGreaterThanOrEqual(7);
    for (const uri of uris(masterText)) expect(uri).toMatch(/^[a-z]+\/[A-Za-z0-9]+\.m3u8$/);

    const videoPath = resolve('video/72p.m3u8', info.manifestUrl);
    const video = await playback.serve(videoPath);
    expect(video.status).toBe(200);
    const videoText = await text(video);
    expect(videoText).not.toContain(token!);
    const init = uris(videoText).find((u) => u.endsWith('.mp4'));
    const first = uris(videoText).find((u) => u.endsWith('.m4s'));
    expect([init, first]).toEqual(['72p/init.mp4', '72p/0.m4s']);
    for (const uri of uris(videoText)) expect(uri).not.toMatch(/:\/\/|^\//);

    const initAnswer = await playback.serve(resolve(init!, videoPath));
    expect(initAnswer.status).toBe(200);
    expect(initAnswer.headers['content-type']).toBe('video/mp4');
    expect((await bytes(initAnswer)).length).toBeGreaterThan(100);
    const segment = await playback.serve(resolve(first!, videoPath));
    expect(segment.status).toBe(200);
    expect(segment.headers['content-type']).toBe('video/mp4');
    const body = await bytes(segment);
    expect(body.length).toBeGreaterThan(100);
    expect(segment.headers['content-length']).toBe(String(body.length));

    const subs = await playback.serve(resolve('subs/en.m3u8', info.manifestUrl));
    expect(subs.status).toBe(200);
    expect(await text(subs)).not.toContain(token!);

    // Anything else under the id, or another id, is the host's 404 (never passed to the service).
    expect((await playback.serve(`/playback/${info.playbackId}/../../v1/session`)).status).toBe(404);
    expect((await playback.serve(`/playback/${'B'.repeat(22)}/master.m3u8`)).status).toBe(404);
    expect((await playback.serve(resolve('video/9999p.m3u8', info.manifestUrl))).status).toBe(404);
  });

  it.skipIf(!HAS_FFMPEG)('renews an expired playback token transparently, once for requests that meet it together; the session stays signed in', async () => {
    const { d, h, playback, asked, profileId, tokens } = await tv();
    const r = await h.startPlayback(profileId, GLASS);
    if (!r.ok) throw new Error(r.error.message);
    const videoPath = resolve('video/36p.m3u8', r.value.manifestUrl);
    expect((await playback.serve(videoPath)).status).toBe(200);

    offset += 61_000; // past the token's 60 s on the service's clock
    const [a, b] = await Promise.all([playback.serve(resolve('36p/0.m4s', videoPath)), playback.serve(resolve('36p/1.m4s', videoPath))]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await bytes(a)).length).toBeGreaterThan(100);
    expect(asked).toHaveBeenCalledTimes(2); // the start, and one renewal
    const [first, renewed] = await tokens();
    expect(renewed).not.toBe(first);
    expect(d.session.getState().status).toBe('signed-in');
    expect(d.session.clearCount).toBe(0);
    // The same host URL goes on working with the new token.
    expect((await playback.serve(resolve('36p/2.m4s', videoPath))).status).toBe(200);
    expect(asked).toHaveBeenCalledTimes(2);
  });

  it.skipIf(!HAS_FFMPEG)('makes the next segment after a revocation a sign-out with its reason, and drops the playback', async () => {
    const { d, h, playback, profileId } = await tv();
    const r = await h.startPlayback(profileId, GLASS);
    if (!r.ok) throw new Error(r.error.message);
    const videoPath = resolve('video/54p.m3u8', r.value.manifestUrl);
    expect((await playback.serve(videoPath)).status).toBe(200);
    expect(playback.size).toBe(1);

    await control.revokeAll(DEMO.email);
    const refused = await playback.serve(resolve('54p/0.m4s', videoPath));
    expect(refused.status).toBe(401);
    expect(JSON.parse(await text(refused))).toMatchObject({ error: { code: 'session_revoked', reason: 'all-devices' } });
    expect(d.session.getState()).toMatchObject({ status: 'signed-out', notice: { reason: 'all-devices' } });
    expect(d.session.clearCount).toBe(1);
    expect(playback.size).toBe(0);
    expect((await playback.serve(videoPath)).status).toBe(404);
  });

  it.skipIf(!HAS_FFMPEG)('drops every playback on sign-out (the one clear)', async () => {
    const { d, h, playback, profileId } = await tv();
    const r = await h.startPlayback(profileId, GLASS);
    if (!r.ok) throw new Error(r.error.message);
    expect(playback.size).toBe(1);
    await d.session.signOut();
    expect(playback.size).toBe(0);
    expect((await playback.serve(r.value.manifestUrl)).status).toBe(404);
    expect(await h.startPlayback(profileId, GLASS)).toMatchObject({ ok: false, error: { code: 'signed_out' } });
  });
});

/** The first adult profile, through the verbs (as the renderer would find it). */
describe(`screens per plan through the host${WITHOUT_FFMPEG}`, () => {
  it.skipIf(!HAS_FFMPEG)('one TV too many hears too_many_streams naming the other; stopping it lets this one play, and the stopped one gets 410 (not a sign-out)', async () => {
    await control.setPlan(DEMO.email, 'basic');
    const tv1 = await tv();
    const tv2 = await tv();
    const first = await tv1.h.startPlayback(tv1.profileId, GLASS);
    expect(first.ok).toBe(true);
    const one = (first as { ok: true; value: PlaybackInfo }).value;
    const refused = await tv2.h.startPlayback(tv2.profileId, GLASS);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'too_many_streams',
        message: 'Too many people are using your account right now.',
        streams: [{ streamId: expect.any(String), deviceName: expect.any(String), profileName: 'Alex', titleName: 'Glass Harbor', since: expect.any(String) }],
      },
    });
    const [listed] = (refused as { ok: false; error: { streams: { streamId: string }[] } }).error.streams;
    // Bad ids never reach the service.
    expect(await (tv2.h as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>).stopStream!('')).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'streamId' } });
    expect(await tv2.h.stopStream('no-such-stream')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await tv2.h.stopStream(listed!.streamId)).toEqual({ ok: true, value: null });

    // TV 1's next request: 410 stream_stopped, passed on as is; TV 1 stays signed in with its playback kept.
    const stopped = await tv1.playback.serve(resolve('36p/1.m4s', resolve('video/36p.m3u8', one.manifestUrl)));
    expect(stopped.status).toBe(410);
    expect(JSON.parse(await text(stopped))).toEqual({ error: { code: 'stream_stopped', message: 'Playback was stopped from another device.' } });
    expect(tv1.d.session.getState().status).toBe('signed-in');

    const second = await tv2.h.startPlayback(tv2.profileId, GLASS);
    expect(second.ok).toBe(true);
    const two = (second as { ok: true; value: PlaybackInfo }).value;
    expect((await tv2.playback.serve(two.manifestUrl)).status).toBe(200);
    expect((await control.plan(DEMO.email)).streams).toHaveLength(1);

    // The player closes: the host forgets the playback and the screen is free at once.
    await tv2.h.stopPlayback(two.playbackId);
    expect(tv2.playback.size).toBe(0);
    expect((await control.plan(DEMO.email)).streams).toEqual([]);
    expect((await tv1.h.startPlayback(tv1.profileId, GLASS)).ok).toBe(true);
    // An unknown or repeated id is nothing to do.
    await tv2.h.stopPlayback(two.playbackId);
  });

  it.skipIf(!HAS_FFMPEG)('a renewal refused because another TV took the screen meanwhile answers 409 too_many_streams, not a sign-out', async () => {
    await control.setPlan(DEMO.email, 'basic');
    const tv1 = await tv();
    const tv2 = await tv();
    const info = ((await tv1.h.startPlayback(tv1.profileId, GLASS)) as { ok: true; value: PlaybackInfo }).value;
    // A long pause: TV 1's stream lapses (45 s) and its token expires (60 s); TV 2 takes the screen.
    offset = 61_000;
    expect((await tv2.h.startPlayback(tv2.profileId, GLASS)).ok).toBe(true);
    const answer = await tv1.playback.serve(info.manifestUrl);
    expect(answer.status).toBe(409);
    expect(JSON.parse(await text(answer)).error).toEqual({ code: 'too_many_streams', message: 'Too many people are using your account right now.' });
    expect(tv1.d.session.getState().status).toBe('signed-in');
  });

  it.skipIf(!HAS_FFMPEG)('a renewed token replaces its own stream (never counted twice)', async () => {
    await control.setPlan(DEMO.email, 'basic');
    const tv1 = await tv();
    const r = await tv1.h.startPlayback(tv1.profileId, GLASS);
    const info = (r as { ok: true; value: PlaybackInfo }).value;
    offset = 61_000;
    expect((await tv1.playback.serve(info.manifestUrl)).status).toBe(200);
    expect(tv1.asked).toHaveBeenCalledTimes(2);
    const { streams } = await control.plan(DEMO.email);
    expect(streams).toHaveLength(1);
    await tv1.h.stopPlayback(info.playbackId);
    expect((await control.plan(DEMO.email)).streams).toEqual([]);
  });
});

async function tv0Profile(h: ReturnType<typeof createBridgeHandlers>): Promise<string | undefined> {
  const r = await h.listProfiles();
  return r.ok ? r.value.find((p) => !p.kids)?.id : undefined;
}
