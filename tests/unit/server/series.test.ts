import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API, type HomeResponse, type PlaybackResponse, type ProfilesResponse, type TitleResponse } from '../../../shared/api';
import { FINISHED_FRACTION, type Profile, type TitleDetails } from '../../../shared/types';
import type { CouchsideServer } from '../../../server/app';
import { CATALOG } from '../../../server/catalog-data';
import { timelineFor } from '../../../server/media/timeline';
import { episodeAfter, episodesOf, SERIES_IDS } from '../../../server/series-data';
import { bearer, jsonBody, memoryServer, signIn } from './helpers';
import { HAS_FFMPEG, TINY_MEDIA, WITHOUT_FFMPEG, tempMediaDir } from './media/helpers';

const byName = (name: string) => CATALOG.find((t) => t.title === name)!;
const SALT = byName('Saltwater Ledger'); // TV-MA series: 3 seasons (8, 8, 6)
const MOONBEAM = byName('Moonbeam Mechanics'); // kids series
const GLASS = byName('Glass Harbor'); // a film

describe('series data', () => {
  it('at least ten titles are series, each of 1-4 seasons of 4-10 episodes, runtimes 22-55 min, ids stable', () => {
    expect(SERIES_IDS.length).toBeGreaterThanOrEqual(10);
    for (const id of SERIES_IDS) {
      const episodes = episodesOf(id)!;
      const seasons = [...new Set(episodes.map((e) => e.season))];
      expect(seasons.length).toBeGreaterThanOrEqual(1);
      expect(seasons.length).toBeLessThanOrEqual(4);
      expect(seasons).toEqual(seasons.map((_, i) => i + 1));
      for (const s of seasons) {
        const inSeason = episodes.filter((e) => e.season === s);
        expect(inSeason.length).toBeGreaterThanOrEqual(4);
        expect(inSeason.length).toBeLessThanOrEqual(10);
        expect(inSeason.map((e) => e.number)).toEqual(inSeason.map((_, i) => i + 1));
      }
      for (const e of episodes) {
        expect(e.id).toBe(`${id}:s${e.season}e${e.number}`);
        expect(e.runtimeMinutes).toBeGreaterThanOrEqual(22);
        expect(e.runtimeMinutes).toBeLessThanOrEqual(55);
        expect(e.title.length).toBeGreaterThan(0);
        expect(e.synopsis.length).toBeGreaterThan(0);
        if (e.intro) {
          expect(e.intro.startSeconds).toBeGreaterThanOrEqual(20);
          expect(e.intro.endSeconds).toBeGreaterThan(e.intro.startSeconds);
          expect(e.intro.endSeconds).toBeLessThanOrEqual(120);
        }
      }
    }
    const all = SERIES_IDS.flatMap((id) => episodesOf(id)!);
    // Most episodes mark an intro; some (every pilot among them) do not.
    expect(all.filter((e) => e.intro).length).toBeGreaterThan(all.length / 2);
    expect(all.filter((e) => e.season === 1 && e.number === 1).every((e) => e.intro === null)).toBe(true);
    // Deterministic: the same catalog on every run.
    expect(episodesOf(SALT.id)![0]!.title).toBe('Pilot');
    expect(episodeAfter(SALT.id, `${SALT.id}:s1e8`)?.id).toBe(`${SALT.id}:s2e1`);
    expect(episodeAfter(SALT.id, `${SALT.id}:s3e6`)).toBeNull();
  });
});

describe('series on the service', () => {
  let server: CouchsideServer;
  let token: string;
  let alex: Profile;
  let kids: Profile;
  const cache = tempMediaDir();
  afterAll(() => cache.remove());

  beforeEach(async () => {
    server = await memoryServer({ media: { dir: cache.dir, settings: TINY_MEDIA } });
    token = (await signIn(server)).accessToken;
    const { profiles } = (await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(token) })).json() as ProfilesResponse;
    alex = profiles.find((p) => !p.kids)!;
    kids = profiles.find((p) => p.kids)!;
  });
  afterEach(() => server.close());

  const q = (profileId: string) => `?${new URLSearchParams({ profileId }).toString()}`;
  async function details(profileId: string, titleId: string): Promise<TitleDetails> {
    const res = await server.app.inject({ method: 'GET', url: API.title(titleId) + q(profileId), headers: bearer(token) });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as TitleResponse).title;
  }
  const save = (profileId: string, titleId: string, body: unknown) =>
    server.app.inject({ method: 'PUT', url: API.progress(profileId, titleId), ...jsonBody(body, bearer(token)) });
  async function saved(profileId: string, titleId: string, body: unknown) {
    const res = await save(profileId, titleId, body);
    expect(res.statusCode, res.body).toBe(204);
  }
  const home = async (profileId: string) => (await server.app.inject({ method: 'GET', url: API.home + q(profileId), headers: bearer(token) })).json() as HomeResponse;
  const continueWatching = async (profileId: string) => (await home(profileId)).rows.find((r) => r.kind === 'continue-watching')?.items ?? [];
  const play = (body: unknown) => server.app.inject({ method: 'POST', url: API.playback, ...jsonBody(body, bearer(token)) });
  const ep = (s: number, e: number) => episodesOf(SALT.id)!.find((x) => x.season === s && x.number === e)!;

  it("a series' title page lists its seasons and episodes (a film has none)", async () => {
    const d = await details(alex.id, SALT.id);
    expect(d.seasons?.map((s) => s.episodes.length)).toEqual([8, 8, 6]);
    expect(d.seasons![1]!.episodes[2]).toMatchObject({ id: `${SALT.id}:s2e3`, season: 2, number: 3, progress: null, watched: false });
    expect(d.progress).toBeNull();
    expect((await details(alex.id, GLASS.id)).seasons).toBeNull();
  });

  it('every listing says how many seasons a series has (where a film has its runtime), a film none', async () => {
    expect((await details(alex.id, SALT.id)).seasonCount).toBe(3);
    expect((await details(alex.id, GLASS.id))).not.toHaveProperty('seasonCount');
    const titles = (await home(alex.id)).rows.flatMap((r) => r.items);
    const salt = titles.find((t) => t.id === SALT.id);
    expect(salt?.seasonCount).toBe(3);
    for (const t of titles) expect(t.seasonCount === undefined, t.title).toBe(episodesOf(t.id) === undefined);
  });

  it('progress is kept per episode, and the series resumes in the episode watched last', async () => {
    await saved(alex.id, SALT.id, { positionSeconds: 600, episodeId: ep(1, 2).id });
    await saved(alex.id, SALT.id, { positionSeconds: 300, episodeId: ep(2, 3).id });
    const d = await details(alex.id, SALT.id);
    expect(d.seasons![0]!.episodes[1]!.progress).toMatchObject({ positionSeconds: 600, durationSeconds: ep(1, 2).runtimeMinutes * 60 });
    expect(d.seasons![1]!.episodes[2]!.progress).toMatchObject({ positionSeconds: 300 });
    expect(d.progress).toMatchObject({
      positionSeconds: 300,
      durationSeconds: ep(2, 3).runtimeMinutes * 60,
      episode: { id: ep(2, 3).id, season: 2, number: 3, title: ep(2, 3).title },
    });
    // Continue Watching shows the series once, with the episode to resume.
    const row = await continueWatching(alex.id);
    expect(row.filter((t) => t.id === SALT.id)).toHaveLength(1);
    expect(row[0]).toMatchObject({ id: SALT.id, progress: { positionSeconds: 300, episode: { id: ep(2, 3).id, season: 2, number: 3 } } });
    // Another profile has none of it.
    expect((await details(kids.id, MOONBEAM.id)).progress).toBeNull();
  });

  it("finishing an episode moves the series' next up to the following one (across seasons); after the last, the series is finished", async () => {
    const end = (s: number, e: number) => Math.ceil(ep(s, e).runtimeMinutes * 60 * FINISHED_FRACTION);
    await saved(alex.id, SALT.id, { positionSeconds: end(1, 8), episodeId: ep(1, 8).id });
    let d = await details(alex.id, SALT.id);
    expect(d.seasons![0]!.episodes[7]).toMatchObject({ watched: true, progress: null });
    expect(d.progress).toMatchObject({ positionSeconds: 0, durationSeconds: ep(2, 1).runtimeMinutes * 60, episode: { id: ep(2, 1).id } });
    expect((await continueWatching(alex.id))[0]).toMatchObject({ id: SALT.id, progress: { episode: { id: ep(2, 1).id } } });
    // A next episode already started is resumed where it was left.
    await saved(alex.id, SALT.id, { positionSeconds: 400, episodeId: ep(2, 2).id });
    await saved(alex.id, SALT.id, { positionSeconds: end(2, 1), episodeId: ep(2, 1).id });
    expect((await details(alex.id, SALT.id)).progress).toMatchObject({ positionSeconds: 400, episode: { id: ep(2, 2).id } });
    // Rewatching a watched episode for a moment keeps it watched.
    await saved(alex.id, SALT.id, { positionSeconds: 3, episodeId: ep(1, 8).id });
    expect((await details(alex.id, SALT.id)).seasons![0]!.episodes[7]).toMatchObject({ watched: true, progress: null });
    // The last episode ends the series: it leaves Continue Watching.
    await saved(alex.id, SALT.id, { positionSeconds: end(3, 6), episodeId: ep(3, 6).id });
    d = await details(alex.id, SALT.id);
    expect(d.progress).toBeNull();
    expect((await continueWatching(alex.id)).map((t) => t.id)).not.toContain(SALT.id);
  });

  it('"Remove from Continue Watching" forgets the series and its episodes', async () => {
    await saved(alex.id, SALT.id, { positionSeconds: 600, episodeId: ep(1, 2).id });
    const res = await server.app.inject({ method: 'DELETE', url: API.progress(alex.id, SALT.id), headers: bearer(token) });
    expect(res.statusCode).toBe(204);
    const d = await details(alex.id, SALT.id);
    expect(d.progress).toBeNull();
    expect(d.seasons!.flatMap((s) => s.episodes).every((e) => e.progress === null)).toBe(true);
  });

  it('a save names the episode of a series (400 without, 404 for one not in it); a film takes none', async () => {
    const missing = await save(alex.id, SALT.id, { positionSeconds: 60 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'invalid_request', field: 'episodeId' });
    const other = await save(alex.id, SALT.id, { positionSeconds: 60, episodeId: `${GLASS.id}:s1e1` });
    expect(other.statusCode).toBe(404);
    expect(other.json().error).toMatchObject({ code: 'not_found', field: 'episodeId' });
    const film = await save(alex.id, GLASS.id, { positionSeconds: 60, episodeId: `${SALT.id}:s1e1` });
    expect(film.statusCode).toBe(404);
    expect(film.json().error.field).toBe('episodeId');
    const wrongType = await save(alex.id, SALT.id, { positionSeconds: 60, episodeId: 7 });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.field).toBe('episodeId');
  });

  it('playback checks the episode: 400 for a bad one, 404 for one not in the series or a film', async () => {
    const bad = await play({ profileId: alex.id, titleId: SALT.id, episodeId: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('episodeId');
    const unknown = await play({ profileId: alex.id, titleId: SALT.id, episodeId: `${SALT.id}:s9e1` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'not_found', field: 'episodeId', message: 'That episode was not found in this series.' });
    const film = await play({ profileId: alex.id, titleId: GLASS.id, episodeId: `${SALT.id}:s1e1` });
    expect(film.statusCode).toBe(404);
    expect(film.json().error).toMatchObject({ field: 'episodeId', message: 'That title has no episodes.' });
    // The series' rating applies: a Kids profile cannot play an episode of a TV-MA series.
    const kidsPlay = await play({ profileId: kids.id, titleId: SALT.id, episodeId: ep(1, 1).id });
    expect(kidsPlay.statusCode).toBe(404);
    expect(kidsPlay.json().error.field).toBe('titleId');
    expect((await details(kids.id, MOONBEAM.id)).seasons?.length).toBe(2);
  });

  it.skipIf(!HAS_FFMPEG)(`plays an episode on its own timeline (the series' one encode), the next up when none is named${WITHOUT_FFMPEG}`, async () => {
    const res = await play({ profileId: alex.id, titleId: SALT.id, episodeId: ep(2, 3).id });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as PlaybackResponse;
    expect(body.episodeId).toBe(ep(2, 3).id);
    expect(body.durationSeconds).toBe(timelineFor(ep(2, 3).runtimeMinutes, 3.2).durationSeconds);
    // Its playlist has the episode's segments; its subtitles name the episode.
    const playlist = await server.app.inject({ method: 'GET', url: new URL('video/36p.m3u8', body.manifestUrl).pathname });
    expect(playlist.body.match(/#EXTINF/g)).toHaveLength(timelineFor(ep(2, 3).runtimeMinutes, 3.2).segments);
    const vtt = await server.app.inject({ method: 'GET', url: new URL('subs/en/0.vtt', body.manifestUrl).pathname });
    expect(vtt.body).toContain('Saltwater Ledger S2:E3 — line 1');
    // No episode named: the next up (the first, until the profile started one).
    const first = (await play({ profileId: alex.id, titleId: SALT.id })).json() as PlaybackResponse;
    expect(first.episodeId).toBe(ep(1, 1).id);
    await saved(alex.id, SALT.id, { positionSeconds: 120, episodeId: ep(1, 4).id });
    expect(((await play({ profileId: alex.id, titleId: SALT.id })).json() as PlaybackResponse).episodeId).toBe(ep(1, 4).id);
    // A film plays no episode.
    expect(((await play({ profileId: alex.id, titleId: GLASS.id })).json() as PlaybackResponse).episodeId).toBeNull();
  });
});
