/**
 * Screens per plan: how many devices of an account may stream at once (Basic 1, Standard 2,
 * Premium 4), the 409 that names the devices streaming, stopping another device's stream, and
 * the slot freed when a player closes, goes quiet past the window, or its session is signed out.
 * The activity window runs on the service's injectable clock.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API, CONTROL, type PlaybackResponse, type ProfilesResponse } from '../../../shared/api';
import { findPlan, PLANS, planOf } from '../../../shared/plans';
import type { ActiveStream, Profile } from '../../../shared/types';
import type { CouchsideServer } from '../../../server/app';
import { STREAM_ACTIVE_MS } from '../../../server/playback-streams';
import { bearer, DEMO_ACCOUNT, DEVICE, jsonBody, memoryServer, signIn } from './helpers';
import { HAS_FFMPEG, TINY_MEDIA, WITHOUT_FFMPEG, tempMediaDir } from './media/helpers';

const GLASS = 'glass-harbor';
const OTHER = 'orbit-of-ashes';

const cache = tempMediaDir();
afterAll(() => cache.remove());

interface Tv {
  name: string;
  token: string;
  deviceId: string;
  adult: Profile;
}

describe('plans: one table', () => {
  it('Basic 1, Standard 2, Premium 4; names in any case; stored rows older than the table count as Standard', () => {
    expect(PLANS.map((p) => [p.id, p.label, p.maxStreams])).toEqual([
      ['basic', 'Basic', 1],
      ['standard', 'Standard', 2],
      ['premium', 'Premium', 4],
    ]);
    expect(findPlan(' BASIC ')?.id).toBe('basic');
    expect(findPlan('Premium')?.maxStreams).toBe(4);
    expect(findPlan('gold')).toBeUndefined();
    expect(planOf('Family').id).toBe('standard');
  });
});

describe(`plans: screens at once${WITHOUT_FFMPEG}`, () => {
  let server: CouchsideServer;
  let clock = Date.parse('2026-01-01T20:00:00Z');
  const control = (url: string, body: unknown) => server.app.inject({ method: 'POST', url, ...jsonBody(body) });
  const setPlan = (plan: string, email: string = DEMO_ACCOUNT.email) => control(CONTROL.plan, { email, plan });

  async function tv(name: string): Promise<Tv> {
    const session = await signIn(server, undefined, undefined, { ...DEVICE, name });
    const { profiles } = (await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(session.accessToken) })).json() as ProfilesResponse;
    return { name, token: session.accessToken, deviceId: session.deviceId, adult: profiles.find((p) => p.name === 'Alex')! };
  }
  const play = (t: Tv, titleId = GLASS) => server.app.inject({ method: 'POST', url: API.playback, ...jsonBody({ profileId: t.adult.id, titleId }, bearer(t.token)) });
  const playing = async (t: Tv, titleId = GLASS): Promise<PlaybackResponse> => {
    const res = await play(t, titleId);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PlaybackResponse;
  };
  const stop = (t: Tv, streamId: string) => server.app.inject({ method: 'DELETE', url: API.playbackStream(streamId), headers: bearer(t.token) });
  let segment = 0;
  /** The next media segment of a playback (each request touches its stream). */
  const fetchSegment = (p: PlaybackResponse): Promise<LightMyRequestResponse> =>
    server.app.inject({ method: 'GET', url: new URL(`video/36p/${segment++ % 20}.m4s`, p.manifestUrl).pathname });
  const streams = async (): Promise<ActiveStream[]> =>
    ((await server.app.inject({ method: 'GET', url: `${CONTROL.plan}?email=${encodeURIComponent(DEMO_ACCOUNT.email)}`, ...jsonBody(undefined) })).json() as { streams: ActiveStream[] }).streams;

  beforeAll(async () => {
    if (!HAS_FFMPEG) return;
    server = await memoryServer({ control: true, media: { dir: cache.dir, settings: TINY_MEDIA }, clock: () => clock });
    await control(CONTROL.rateLimits, { enabled: false });
  });
  afterAll(() => server?.close());
  beforeEach(async () => {
    if (!HAS_FFMPEG) return;
    // A fresh household each time (the reset signs every device out), and time moves on.
    await server.app.inject({ method: 'POST', url: CONTROL.reset, ...jsonBody({}) });
    await control(CONTROL.rateLimits, { enabled: false });
    clock += 10 * 60_000;
  });

  it.skipIf(!HAS_FFMPEG)('Basic: the second TV hears 409 too_many_streams naming the first (device, profile, title, since)', async () => {
    expect((await setPlan('basic')).json()).toEqual({ email: DEMO_ACCOUNT.email, plan: 'Basic', maxStreams: 1 });
    const tv1 = await tv('TV 1');
    const tv2 = await tv('TV 2');
    const first = await playing(tv1);
    clock += 5_000;
    const refused = await play(tv2);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toEqual({
      code: 'too_many_streams',
      message: 'Too many people are using your account right now.',
      streams: [{ streamId: first.streamId, deviceName: 'TV 1', profileName: 'Alex', titleName: 'Glass Harbor', since: new Date(clock - 5_000).toISOString() }],
    });
    // The refused TV holds no slot; the first still plays.
    expect((await fetchSegment(first)).statusCode).toBe(200);
    expect((await streams()).map((s) => s.deviceName)).toEqual(['TV 1']);
  });

  it.skipIf(!HAS_FFMPEG)('Standard 2 and Premium 4: the limit follows the plan, and a change applies to the next play', async () => {
    await setPlan('Standard');
    const tvs = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((n) => tv(`TV ${n}`)));
    await playing(tvs[0]!);
    clock += 1_000;
    await playing(tvs[1]!);
    const third = await play(tvs[2]!);
    expect(third.statusCode).toBe(409);
    // Newest first.
    expect((third.json().error.streams as ActiveStream[]).map((s) => s.deviceName)).toEqual(['TV B', 'TV A']);

    await setPlan('PREMIUM');
    await playing(tvs[2]!);
    await playing(tvs[3]!);
    const fifth = await play(tvs[4]!);
    expect(fifth.statusCode).toBe(409);
    expect(fifth.json().error.streams).toHaveLength(4);
  });

  it.skipIf(!HAS_FFMPEG)('a TV replacing its own stream (next title, Try again, a renewed token) never counts twice', async () => {
    await setPlan('basic');
    const tv1 = await tv('TV 1');
    const old = await playing(tv1);
    const next = await playing(tv1, OTHER);
    const again = await playing(tv1, OTHER);
    expect(new Set([old.streamId, next.streamId, again.streamId]).size).toBe(3);
    expect((await streams()).map((s) => [s.streamId, s.titleName])).toEqual([[again.streamId, 'Orbit of Ashes']]);
    // The replaced playbacks are over (their player is gone); the newest plays.
    expect((await fetchSegment(old)).statusCode).toBe(401);
    expect((await fetchSegment(again)).statusCode).toBe(200);
  });

  it.skipIf(!HAS_FFMPEG)("stopping another TV's stream: its next segment is refused 410 stream_stopped (not a sign-out), and this TV plays", async () => {
    await setPlan('basic');
    const tv1 = await tv('TV 1');
    const tv2 = await tv('TV 2');
    const first = await playing(tv1);
    const refused = (await play(tv2)).json().error.streams as ActiveStream[];
    expect((await stop(tv2, refused[0]!.streamId)).statusCode).toBe(204);
    const stopped = await fetchSegment(first);
    expect(stopped.statusCode).toBe(410);
    expect(stopped.json().error).toEqual({ code: 'stream_stopped', message: 'Playback was stopped from another device.' });
    // Said again on every request of that playback (the master playlist too); the TV stays signed in.
    expect((await server.app.inject({ method: 'GET', url: new URL(first.manifestUrl).pathname })).statusCode).toBe(410);
    expect((await server.app.inject({ method: 'GET', url: API.session, headers: bearer(tv1.token) })).statusCode).toBe(200);

    const second = await playing(tv2);
    expect((await fetchSegment(second)).statusCode).toBe(200);
    // Stopping it twice changes nothing; TV 1 can ask again and hears who is streaming now.
    expect((await stop(tv2, refused[0]!.streamId)).statusCode).toBe(204);
    expect((await play(tv1)).json().error.streams.map((s: ActiveStream) => s.deviceName)).toEqual(['TV 2']);
  });

  it.skipIf(!HAS_FFMPEG)('the player closing frees the slot at once (DELETE of its own stream)', async () => {
    await setPlan('basic');
    const tv1 = await tv('TV 1');
    const tv2 = await tv('TV 2');
    const first = await playing(tv1);
    expect((await stop(tv1, first.streamId)).statusCode).toBe(204);
    expect(await streams()).toEqual([]);
    // Its own stop is not "stopped from another device": a late request of it is plainly over.
    expect((await fetchSegment(first)).json().error.code).toBe('unauthorized');
    await playing(tv2);
  });

  it.skipIf(!HAS_FFMPEG)('a stream quiet past the window frees the slot; it comes back only while a screen is free', async () => {
    await setPlan('basic');
    const tv1 = await tv('TV 1');
    const tv2 = await tv('TV 2');
    const first = await playing(tv1);
    clock += STREAM_ACTIVE_MS - 1_000;
    expect((await fetchSegment(first)).statusCode).toBe(200);
    clock += STREAM_ACTIVE_MS - 1_000;
    // Touched by its segment: still counted.
    expect((await play(tv2)).statusCode).toBe(409);
    clock += 2_000;
    expect(await streams()).toEqual([]);
    const second = await playing(tv2);
    // TV 1 was paused that long: its screen went to TV 2, so it hears too_many_streams.
    const back = await fetchSegment(first);
    expect(back.statusCode).toBe(409);
    expect(back.json().error.streams.map((s: ActiveStream) => s.deviceName)).toEqual(['TV 2']);
    // Once TV 2 closes its player, TV 1's paused stream plays on.
    expect((await stop(tv2, second.streamId)).statusCode).toBe(204);
    expect((await fetchSegment(first)).statusCode).toBe(200);
    expect((await streams()).map((s) => s.deviceName)).toEqual(['TV 1']);
  });

  it.skipIf(!HAS_FFMPEG)('signing a TV out (this device, or all devices) frees its slot at once and refuses its next segment', async () => {
    await setPlan('basic');
    const tv1 = await tv('TV 1');
    const tv2 = await tv('TV 2');
    const first = await playing(tv1);
    expect((await control(CONTROL.revokeDevice, { deviceId: tv1.deviceId })).statusCode).toBe(200);
    expect((await fetchSegment(first)).json().error).toMatchObject({ code: 'session_revoked', reason: 'device-removed' });
    const second = await playing(tv2);
    expect((await control(CONTROL.revokeAll, { email: DEMO_ACCOUNT.email })).statusCode).toBe(200);
    const after = await fetchSegment(second);
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toMatchObject({ code: 'session_revoked', reason: 'all-devices' });
    expect(await streams()).toEqual([]);
    const tv3 = await tv('TV 3');
    await playing(tv3);
  });

  it.skipIf(!HAS_FFMPEG)("refuses bad input: a plan that does not exist (400, field plan), another account's stream (404), no bearer (401)", async () => {
    const bad = await setPlan('gold');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid_request', field: 'plan', message: 'There is no plan called "gold": choose basic, standard, premium.' });
    const missing = await control(CONTROL.plan, { email: DEMO_ACCOUNT.email });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('plan');
    expect((await setPlan('basic', 'nobody@couchside.test')).statusCode).toBe(404);
    const created = await control(CONTROL.accounts, { email: 'gold@couchside.test', password: 'gold-password', plan: 'Gold' });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.field).toBe('plan');
    const seeded = await control(CONTROL.seed, { accounts: [{ email: 'ok@couchside.test', password: 'ok-password' }, { email: 'x@couchside.test', password: 'x-password', plan: 'x' }] });
    expect(seeded.statusCode).toBe(400);
    expect((await control(CONTROL.accounts, { email: 'ok@couchside.test', password: 'ok-password', plan: 'basic' })).json().account.plan).toBe('Basic');

    const tv1 = await tv('TV 1');
    const first = await playing(tv1);
    const stranger = await signIn(server, 'ok@couchside.test', 'ok-password', { ...DEVICE, name: 'Stranger' });
    const theirs = await server.app.inject({ method: 'DELETE', url: API.playbackStream(first.streamId), headers: bearer(stranger.accessToken) });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.field).toBe('streamId');
    expect((await server.app.inject({ method: 'DELETE', url: API.playbackStream(first.streamId) })).statusCode).toBe(401);
    expect((await fetchSegment(first)).statusCode).toBe(200);
  });
});
