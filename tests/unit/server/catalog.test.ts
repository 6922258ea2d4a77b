import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API, CONTROL, MAX_SEARCH_QUERY, type HomeResponse, type ProfilesResponse, type SearchResponse, type TitleResponse } from '../../../shared/api';
import { allowsRating, MATURITY_LEVELS, type MaturityLevel } from '../../../shared/maturity';
import { FINISHED_FRACTION, STARTED_SECONDS, type CatalogRow, type Profile, type Title, type TitleDetails } from '../../../shared/types';
import type { CouchsideServer } from '../../../server/app';
import { CATALOG } from '../../../server/catalog-data';
import { bearer, DEMO_ACCOUNT, DEVICE, jsonBody, memoryServer, openStream, signIn, CONTROL_JSON, waitFor } from './helpers';

// Titles the tests use by name (all from the seeded catalog).
const byName = (name: string): Title => CATALOG.find((t) => t.title === name)!;
const ORBIT = byName('Orbit of Ashes'); // TV-MA, 138 min
const GLASS = byName('Glass Harbor'); // TV-14
const SECOND = byName('Second Chair'); // TV-14
const CRUMB = byName("Captain Crumb's Cookie Crew"); // kids, 62 min
const PIP = byName('Pip and the Puddle Kingdom'); // kids
const ORCHARD = byName('The Orchard Between Us'); // PG: Older kids and up

let server: CouchsideServer;
let token: string;
let profiles: Profile[];
let alex: Profile;
let sam: Profile;
let kids: Profile;

beforeEach(async () => {
  server = await memoryServer({ control: true });
  token = (await signIn(server)).accessToken;
  profiles = ((await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(token) })).json() as ProfilesResponse).profiles;
  alex = profiles[0]!;
  sam = profiles[1]!;
  kids = profiles.find((p) => p.kids)!;
});
afterEach(() => server.close());

const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

const getHome = (profileId: string, t = token) => server.app.inject({ method: 'GET', url: API.home + q({ profileId }), headers: bearer(t) });
const getTitle = (profileId: string, titleId: string, t = token) =>
  server.app.inject({ method: 'GET', url: API.title(titleId) + q({ profileId }), headers: bearer(t) });
const search = (profileId: string, text: string, t = token) =>
  server.app.inject({ method: 'GET', url: API.search + q({ profileId, q: text }), headers: bearer(t) });
const list = (profileId: string, titleId: string, inList: boolean, t = token) =>
  server.app.inject({ method: inList ? 'PUT' : 'DELETE', url: API.myList(profileId, titleId), headers: bearer(t) });
const progress = (profileId: string, titleId: string, body: unknown, t = token) =>
  server.app.inject({ method: 'PUT', url: API.progress(profileId, titleId), ...jsonBody(body, bearer(t)) });

async function home(profileId: string, t = token): Promise<HomeResponse> {
  const res = await getHome(profileId, t);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as HomeResponse;
}
async function details(profileId: string, titleId: string, t = token): Promise<TitleDetails> {
  const res = await getTitle(profileId, titleId, t);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as TitleResponse).title;
}
async function found(profileId: string, text: string): Promise<string[]> {
  const res = await search(profileId, text);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as SearchResponse).results.map((t) => t.title);
}
async function ok204(res: Promise<{ statusCode: number; body: string }>): Promise<void> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(204);
}
const row = (h: HomeResponse, kind: CatalogRow['kind']) => h.rows.find((r) => r.kind === kind);
const ids = (r: CatalogRow | undefined) => r?.items.map((t) => t.id);

describe('home rows', () => {
  it('a new profile has no personal rows: Trending, New, then genre rows, every row non-empty with a kind', async () => {
    const h = await home(alex.id);
    expect(h.rows.map((r) => r.id)).toEqual([
      'trending',
      'new',
      'genre-drama',
      'genre-comedy',
      'genre-sci-fi',
      'genre-thrillers',
      'genre-documentaries',
      'genre-kids-family',
    ]);
    expect(h.rows.map((r) => r.kind)).toEqual(['trending', 'new', 'genre', 'genre', 'genre', 'genre', 'genre', 'genre']);
    for (const r of h.rows) expect(r.items.length).toBeGreaterThan(0);
    expect(row(h, 'genre')!.title).toBe('Drama');
  });

  it('Continue Watching (newest save first, with progress) and then My List (newest added first) come before the rest', async () => {
    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: 600 }));
    await ok204(progress(alex.id, GLASS.id, { positionSeconds: 30 }));
    await ok204(list(alex.id, SECOND.id, true));
    await ok204(list(alex.id, CRUMB.id, true));

    let h = await home(alex.id);
    expect(h.rows.slice(0, 3).map((r) => [r.id, r.kind, r.title])).toEqual([
      ['continue-watching', 'continue-watching', 'Continue Watching'],
      ['my-list', 'my-list', 'My List'],
      ['trending', 'trending', 'Trending Now'],
    ]);
    expect(ids(row(h, 'continue-watching'))).toEqual([GLASS.id, ORBIT.id]);
    expect(ids(row(h, 'my-list'))).toEqual([CRUMB.id, SECOND.id]);
    const orbit = row(h, 'continue-watching')!.items[1]!;
    expect(orbit).toMatchObject({ ...ORBIT, progress: { positionSeconds: 600, durationSeconds: ORBIT.runtimeMinutes * 60, updatedAt: expect.any(String) } });

    // Watching Orbit again moves it to the front; adding Second Chair again keeps its place.
    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: 900 }));
    await ok204(list(alex.id, SECOND.id, true));
    h = await home(alex.id);
    expect(ids(row(h, 'continue-watching'))).toEqual([ORBIT.id, GLASS.id]);
    expect(row(h, 'continue-watching')!.items[0]!.progress?.positionSeconds).toBe(900);
    expect(ids(row(h, 'my-list'))).toEqual([CRUMB.id, SECOND.id]);

    // Emptied rows are left out.
    await ok204(list(alex.id, SECOND.id, false));
    await ok204(list(alex.id, CRUMB.id, false));
    await ok204(list(alex.id, CRUMB.id, false));
    h = await home(alex.id);
    expect(row(h, 'my-list')).toBeUndefined();
    expect(h.rows[0]!.id).toBe('continue-watching');
  });
});

describe('the hero', () => {
  it("is never a children's title for a grown-up profile, and follows the genre the profile watched last", async () => {
    for (const p of [alex, sam]) expect((await home(p.id)).hero.kids, p.name).toBe(false);
    expect((await home(kids.id)).hero.kids).toBe(true);
    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: 1200 }));
    expect((await home(alex.id)).hero.genre).toBe(ORBIT.genre);
  });
});

describe('resume and finished', () => {
  it(`opening the player and leaving before ${STARTED_SECONDS} s does not count as started`, async () => {
    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: 0 }));
    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: STARTED_SECONDS - 0.5 }));
    expect((await details(alex.id, ORBIT.id)).progress).toBeNull();
    expect((await home(alex.id)).rows.map((r) => r.id)).not.toContain('continue-watching');
    // Started, then "Play from the beginning" and out again: forgotten.
    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: 600 }));
    expect((await details(alex.id, ORBIT.id)).progress?.positionSeconds).toBe(600);
    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: 2 }));
    expect((await details(alex.id, ORBIT.id)).progress).toBeNull();
  });

  it('a title page says where the profile stopped, and nothing when never started', async () => {
    expect(await details(alex.id, ORBIT.id)).toEqual({ ...ORBIT, inMyList: false, progress: null, seasons: null });
    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: 754.9 }));
    await ok204(list(alex.id, ORBIT.id, true));
    expect(await details(alex.id, ORBIT.id)).toEqual({
      ...ORBIT,
      inMyList: true,
      progress: { positionSeconds: 754, durationSeconds: ORBIT.runtimeMinutes * 60, updatedAt: expect.any(String) },
      seasons: null,
    });
  });

  it(`at ${FINISHED_FRACTION * 100}% the title is finished: it leaves Continue Watching and the page offers Play again`, async () => {
    const duration = ORBIT.runtimeMinutes * 60;
    const almost = Math.ceil(duration * FINISHED_FRACTION) - 1;
    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: almost }));
    expect((await details(alex.id, ORBIT.id)).progress?.positionSeconds).toBe(almost);
    expect(ids(row(await home(alex.id), 'continue-watching'))).toEqual([ORBIT.id]);

    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: duration * FINISHED_FRACTION }));
    expect((await details(alex.id, ORBIT.id)).progress).toBeNull();
    expect(row(await home(alex.id), 'continue-watching')).toBeUndefined();

    // Watching it again from the start brings it back.
    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: 10 }));
    expect((await details(alex.id, ORBIT.id)).progress?.positionSeconds).toBe(10);
    expect(ids(row(await home(alex.id), 'continue-watching'))).toEqual([ORBIT.id]);
  });

  it('a position past the end is clamped to the end, and counts as finished', async () => {
    await ok204(progress(alex.id, GLASS.id, { positionSeconds: 1e9 }));
    expect((await details(alex.id, GLASS.id)).progress).toBeNull();
    const stored = server.db.prepare('SELECT position_seconds AS p, finished FROM watch_progress WHERE title_id = ?').get(GLASS.id);
    expect(stored).toEqual({ p: GLASS.runtimeMinutes * 60, finished: 1 });
  });

  it('progress saved on one device shows in Continue Watching and Resume on another device of the account', async () => {
    const tv = (await signIn(server, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password, { ...DEVICE, name: 'Bedroom TV' })).accessToken;
    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: 1200 }, token));
    expect(row(await home(alex.id, tv), 'continue-watching')!.items.map((t) => [t.id, t.progress?.positionSeconds])).toEqual([[ORBIT.id, 1200]]);
    expect((await details(alex.id, ORBIT.id, tv)).progress?.positionSeconds).toBe(1200);
    // The other device carries on; the first sees where it got to.
    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: 1500 }, tv));
    expect((await details(alex.id, ORBIT.id, token)).progress?.positionSeconds).toBe(1500);
  });

  it('"Remove from Continue Watching" forgets the progress (Play from the start), and the other devices hear of it', async () => {
    const baseUrl = await server.listen(0, '127.0.0.1');
    const tv = (await signIn(server, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password, { ...DEVICE, name: 'Bedroom TV' })).accessToken;
    const tvStream = await openStream(baseUrl, tv);
    const ownStream = await openStream(baseUrl, token);
    try {
      await ok204(progress(alex.id, ORBIT.id, { positionSeconds: 1200 }));
      await waitFor(() => tvStream.messages.some((m) => m.type === 'library-changed'));
      expect(tvStream.messages.filter((m) => m.type === 'library-changed')).toEqual([{ type: 'library-changed', profileId: alex.id }]);

      await ok204(server.app.inject({ method: 'DELETE', url: API.progress(alex.id, ORBIT.id), headers: bearer(token) }));
      expect(row(await home(alex.id, tv), 'continue-watching')).toBeUndefined();
      expect((await details(alex.id, ORBIT.id, tv)).progress).toBeNull();
      await waitFor(() => tvStream.messages.filter((m) => m.type === 'library-changed').length === 2);
      // My List changes are told too; the device that made a change is not told of its own.
      await ok204(list(alex.id, GLASS.id, true));
      await waitFor(() => tvStream.messages.filter((m) => m.type === 'library-changed').length === 3);
      expect(ownStream.messages.some((m) => m.type === 'library-changed')).toBe(false);
      // Nothing to forget is fine; a Kids profile cannot reach a grown-up title; unknown ids are 404s.
      await ok204(server.app.inject({ method: 'DELETE', url: API.progress(alex.id, ORBIT.id), headers: bearer(token) }));
      expect((await server.app.inject({ method: 'DELETE', url: API.progress(kids.id, ORBIT.id), headers: bearer(token) })).statusCode).toBe(404);
      expect((await server.app.inject({ method: 'DELETE', url: API.progress('nobody', ORBIT.id), headers: bearer(token) })).statusCode).toBe(404);
    } finally {
      tvStream.ws.close();
      ownStream.ws.close();
    }
  });

  it("each profile has its own progress and My List", async () => {
    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: 100 }));
    await ok204(list(alex.id, GLASS.id, true));
    const samHome = await home(sam.id);
    expect(row(samHome, 'continue-watching')).toBeUndefined();
    expect(row(samHome, 'my-list')).toBeUndefined();
    expect(await details(sam.id, ORBIT.id)).toMatchObject({ progress: null, inMyList: false });
    expect(await details(sam.id, GLASS.id)).toMatchObject({ progress: null, inMyList: false });

    await ok204(progress(sam.id, ORBIT.id, { positionSeconds: 50 }));
    expect((await details(alex.id, ORBIT.id)).progress?.positionSeconds).toBe(100);
    expect((await details(sam.id, ORBIT.id)).progress?.positionSeconds).toBe(50);
  });
});

describe('Kids profiles see and touch kids titles only', () => {
  it('rows, the hero, title pages, search, My List and progress', async () => {
    const h = await home(kids.id);
    for (const t of [h.hero, ...h.rows.flatMap((r) => r.items)]) expect(t.kids, t.title).toBe(true);

    for (const id of [ORBIT.id, 'no-such-title']) {
      for (const res of [await getTitle(kids.id, id), await list(kids.id, id, true), await list(kids.id, id, false), await progress(kids.id, id, { positionSeconds: 5 })]) {
        expect(res.statusCode, id).toBe(404);
        // The same words whether or not the title exists: nothing to learn about the catalog.
        expect(res.json().error).toEqual({ code: 'not_found', message: 'That title is not available on this profile.' });
      }
    }
    expect((await getTitle(alex.id, 'no-such-title')).json().error).toEqual({ code: 'not_found', message: 'That title was not found.' });
    expect(await found(kids.id, 'orbit of ashes')).toEqual([]);
    const the = await found(kids.id, 'the');
    expect(the.length).toBeGreaterThan(0);
    expect(the.every((name) => byName(name).kids)).toBe(true);
    expect((await found(alex.id, 'the')).some((name) => !byName(name).kids)).toBe(true);

    await ok204(list(kids.id, CRUMB.id, true));
    await ok204(progress(kids.id, PIP.id, { positionSeconds: 60 }));
    const after = await home(kids.id);
    expect(ids(row(after, 'continue-watching'))).toEqual([PIP.id]);
    expect(ids(row(after, 'my-list'))).toEqual([CRUMB.id]);
    expect(await details(kids.id, CRUMB.id)).toMatchObject({ inMyList: true, kids: true });
  });

  it('a profile turned into a Kids profile no longer sees the grown-up titles it had saved', async () => {
    await ok204(progress(sam.id, ORBIT.id, { positionSeconds: 60 }));
    await ok204(progress(sam.id, PIP.id, { positionSeconds: 60 }));
    await ok204(list(sam.id, GLASS.id, true));
    server.db.prepare("UPDATE profiles SET maturity = 'kids' WHERE id = ?").run(sam.id);
    const h = await home(sam.id);
    expect(ids(row(h, 'continue-watching'))).toEqual([PIP.id]);
    expect(row(h, 'my-list')).toBeUndefined();
    expect((await getTitle(sam.id, ORBIT.id)).statusCode).toBe(404);
  });
});

describe('maturity levels: a profile sees and touches only the titles its rating allows', () => {
  /** Sam's rating, set as a grown-up with the account password would. */
  async function rate(level: MaturityLevel): Promise<void> {
    const res = await server.app.inject({ method: 'PATCH', url: API.profile(sam.id), ...jsonBody({ maturity: level, password: DEMO_ACCOUNT.password }, bearer(token)) });
    expect(res.statusCode, res.body).toBe(200);
  }
  const allowed = (level: MaturityLevel) => CATALOG.filter((t) => allowsRating(level, t.rating)).map((t) => t.id);

  it('each level sees more than the one below it: Kids 15 titles, Older kids 17, Teens 36, All every one', () => {
    expect(MATURITY_LEVELS.map((level) => allowed(level).length)).toEqual([15, 17, 36, CATALOG.length]);
  });

  it.each(MATURITY_LEVELS)('%s: the rows, the hero, every title page and search', async (level) => {
    await rate(level);
    const may = new Set(allowed(level));
    const h = await home(sam.id);
    for (const t of [h.hero, ...h.rows.flatMap((r) => r.items)]) expect(may.has(t.id), `${t.title} (${t.rating})`).toBe(true);
    for (const t of CATALOG) {
      const res = await getTitle(sam.id, t.id);
      expect(res.statusCode, `${t.title} (${t.rating})`).toBe(may.has(t.id) ? 200 : 404);
      if (!may.has(t.id)) expect(res.json().error).toEqual({ code: 'not_found', message: 'That title is not available on this profile.' });
    }
    // Search finds every title the level allows and nothing else.
    for (const t of [ORBIT, GLASS, ORCHARD, CRUMB]) expect(await found(sam.id, t.title), t.title).toEqual(may.has(t.id) ? [t.title] : []);
    const the = await found(sam.id, 'the');
    expect(the.length).toBeGreaterThan(0);
    expect(the.filter((name) => !may.has(byName(name).id))).toEqual([]);
  });

  it('which titles are where: PG from Older kids, TV-14 from Teens, TV-MA only on All', async () => {
    const sees = async (level: MaturityLevel) => {
      await rate(level);
      const out: string[] = [];
      for (const t of [PIP, ORCHARD, GLASS, ORBIT]) if ((await getTitle(sam.id, t.id)).statusCode === 200) out.push(t.rating);
      return out;
    };
    expect(await sees('kids')).toEqual(['TV-Y']);
    expect(await sees('older-kids')).toEqual(['TV-Y', 'PG']);
    expect(await sees('teens')).toEqual(['TV-Y', 'PG', 'TV-14']);
    expect(await sees('all')).toEqual(['TV-Y', 'PG', 'TV-14', 'TV-MA']);
  });

  it('Continue Watching and My List hide what a lowered rating no longer allows, and show it again when raised', async () => {
    for (const t of [PIP, ORCHARD, GLASS, ORBIT]) {
      await ok204(progress(sam.id, t.id, { positionSeconds: 60 }));
      await ok204(list(sam.id, t.id, true));
    }
    const personal = async () => {
      const h = await home(sam.id);
      return { cw: (ids(row(h, 'continue-watching')) ?? []).sort(), ml: (ids(row(h, 'my-list')) ?? []).sort() };
    };
    const everything = [PIP, ORCHARD, GLASS, ORBIT].map((t) => t.id).sort();
    expect(await personal()).toEqual({ cw: everything, ml: everything });
    await rate('teens');
    expect(await personal()).toEqual({ cw: [PIP, ORCHARD, GLASS].map((t) => t.id).sort(), ml: [PIP, ORCHARD, GLASS].map((t) => t.id).sort() });
    await rate('older-kids');
    expect(await personal()).toEqual({ cw: [PIP, ORCHARD].map((t) => t.id).sort(), ml: [PIP, ORCHARD].map((t) => t.id).sort() });
    // Nor can it be touched: saving progress or changing My List on it is the same 404.
    expect((await progress(sam.id, GLASS.id, { positionSeconds: 90 })).statusCode).toBe(404);
    expect((await list(sam.id, GLASS.id, false)).statusCode).toBe(404);
    // Kept, not deleted: raised again, the titles and the places are back.
    await rate('all');
    expect(await personal()).toEqual({ cw: everything, ml: everything });
    expect((await details(sam.id, ORBIT.id)).progress?.positionSeconds).toBe(60);
  });
});

describe('search', () => {
  it('ranks title starts, then word starts, then other title matches, then genre, then synopsis', async () => {
    // "fi": titles with a word starting "fi" (nearest the start first), then The Office (inside a
    // word), then the Sci-Fi titles (genre), then synopsis words.
    const results = await found(alex.id, 'fi');
    expect(results.slice(0, 3)).toEqual(['Signal Fire', 'Salt, Smoke and Fire', 'The Office of Lost Umbrellas']);
    const sciFi = CATALOG.filter((t) => t.genre === 'Sci-Fi').map((t) => t.title);
    expect(results.slice(3, 3 + sciFi.length).sort()).toEqual([...sciFi].sort());
    const rest = results.slice(3 + sciFi.length);
    expect(rest.length).toBeGreaterThan(0);
    for (const name of rest) expect(byName(name).synopsis, name).toMatch(/\bfi/i);

    expect((await found(alex.id, 'orb'))[0]).toBe('Orbit of Ashes');
    // "sea": no title has it; the synopses of The Bridge Menders ("seasons") and Captain Crumb's ("Sugar Sea") do.
    expect((await found(alex.id, 'sea')).slice(0, 2).sort()).toEqual(['Captain Crumb\'s Cookie Crew', 'The Bridge Menders'].sort());
  });

  it('ignores case, accents and punctuation, and finds every word of a query', async () => {
    for (const text of ["Crumb's", 'crumbs', 'CRUMB’S', '  crumb  ', 'captain crumb', 'captain cookie', 'Cookié']) {
      expect((await found(alex.id, text))[0], text).toBe("Captain Crumb's Cookie Crew");
    }
    expect(await found(alex.id, 'robo-pals: starport')).toEqual(['Robo-Pals: Starport Seven']);
    expect(await found(alex.id, 'ROBO PALS')).toEqual(['Robo-Pals: Starport Seven']);
    expect(await found(alex.id, 'zzzz')).toEqual([]);
  });

  it('an empty or blank query finds nothing; a long one is refused; at most 40 results', async () => {
    expect(await found(alex.id, '')).toEqual([]);
    expect(await found(alex.id, '   ')).toEqual([]);
    expect(await found(alex.id, '!!!')).toEqual([]);
    const noQ = await server.app.inject({ method: 'GET', url: API.search + q({ profileId: alex.id }), headers: bearer(token) });
    expect(noQ.json()).toEqual({ results: [] });

    expect((await search(alex.id, ` ${'a'.repeat(MAX_SEARCH_QUERY)} `)).statusCode).toBe(200);
    const long = await search(alex.id, 'a'.repeat(MAX_SEARCH_QUERY + 1));
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toEqual({ code: 'invalid_request', message: `Search for at most ${MAX_SEARCH_QUERY} characters.`, field: 'q' });
    expect((await search(alex.id, 'a'.repeat(5000))).statusCode).toBe(400);

    const many = await found(alex.id, 'e');
    expect(many).toHaveLength(40);
    expect(new Set(many).size).toBe(40);
  });
});

describe('bad input and other accounts', () => {
  it('progress must be a finite number of seconds, 0 or more', async () => {
    const message = 'The position must be a number of seconds, 0 or more.';
    for (const body of [{ positionSeconds: -1 }, { positionSeconds: '10' }, { positionSeconds: null }, { positionSeconds: [1] }, {}, { seconds: 5 }]) {
      const res = await progress(alex.id, ORBIT.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error, JSON.stringify(body)).toEqual({ code: 'invalid_request', message, field: 'positionSeconds' });
    }
    // JSON has no Infinity, but 1e999 parses as one.
    const infinite = await server.app.inject({
      method: 'PUT',
      url: API.progress(alex.id, ORBIT.id),
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '{"positionSeconds": 1e999}',
    });
    expect(infinite.statusCode).toBe(400);
    expect(infinite.json().error).toEqual({ code: 'invalid_request', message, field: 'positionSeconds' });
    for (const payload of ['', 'null', '[]', '"x"', '{bad']) {
      const res = await server.app.inject({
        method: 'PUT',
        url: API.progress(alex.id, ORBIT.id),
        headers: { ...bearer(token), 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
    expect((await details(alex.id, ORBIT.id)).progress).toBeNull();
    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: 0 }));
  });

  it("another account's profile, an unknown profile or title: 404; odd ids and queries: 4xx, never 500", async () => {
    const other = await server.app.inject({ method: 'POST', url: CONTROL.accounts, ...jsonBody({ email: 'other@example.com', password: 'other-password' }) });
    const otherProfile = (other.json() as { profiles: Profile[] }).profiles[0]!.id;
    for (const pid of [otherProfile, 'unknown']) {
      for (const res of [
        await getHome(pid),
        await getTitle(pid, ORBIT.id),
        await search(pid, 'orbit'),
        await list(pid, ORBIT.id, true),
        await list(pid, ORBIT.id, false),
        await progress(pid, ORBIT.id, { positionSeconds: 1 }),
      ]) {
        expect(res.statusCode, pid).toBe(404);
        expect(res.json().error).toEqual({ code: 'not_found', message: 'That profile was not found on this account.' });
      }
    }
    expect((await list(alex.id, 'unknown', true)).json().error.code).toBe('not_found');
    expect((await progress(alex.id, 'unknown', { positionSeconds: 1 })).statusCode).toBe(404);
    expect(server.db.prepare('SELECT COUNT(*) AS n FROM watch_progress').get()).toEqual({ n: 0 });

    const odd = [
      `${API.title('x'.repeat(500))}?profileId=${alex.id}`,
      `${API.title(ORBIT.id)}`,
      `${API.title(ORBIT.id)}?profileId=`,
      `${API.title(ORBIT.id)}?profileId=a&profileId=b`,
      `${API.search}?profileId=${alex.id}&q=a&q=b`,
      `${API.search}?q=orbit`,
    ];
    for (const url of odd) {
      const res = await server.app.inject({ method: 'GET', url, headers: bearer(token) });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.json().error.code, url).toBeTypeOf('string');
    }
    // A stray percent sign is searched for as typed.
    expect((await server.app.inject({ method: 'GET', url: `${API.search}?profileId=${alex.id}&q=%ZZ`, headers: bearer(token) })).json()).toEqual({ results: [] });
    for (const res of [await list(alex.id, 'x'.repeat(500), true), await progress('x'.repeat(500), ORBIT.id, { positionSeconds: 1 })]) {
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
  });

  it('every catalog route needs a signed-in device', async () => {
    for (const [method, url] of [
      ['GET', `${API.title(ORBIT.id)}?profileId=${alex.id}`],
      ['GET', `${API.search}?profileId=${alex.id}&q=orbit`],
      ['PUT', API.myList(alex.id, ORBIT.id)],
      ['DELETE', API.myList(alex.id, ORBIT.id)],
      ['PUT', API.progress(alex.id, ORBIT.id)],
    ] as const) {
      const res = await server.app.inject({ method, url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
    }
  });

  it('a locked profile answers nothing until this session unlocks it', async () => {
    const setPin = await server.app.inject({ method: 'PUT', url: API.profilePin(alex.id), ...jsonBody({ password: DEMO_ACCOUNT.password, pin: '1234' }, bearer(token)) });
    expect(setPin.statusCode).toBe(204);
    const all = (t: string) =>
      Promise.all([getHome(alex.id, t), getTitle(alex.id, ORBIT.id, t), search(alex.id, 'orbit', t), list(alex.id, ORBIT.id, true, t), list(alex.id, ORBIT.id, false, t), progress(alex.id, ORBIT.id, { positionSeconds: 1 }, t)]);
    for (const res of await all(token)) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('profile_locked');
    }
    expect(server.db.prepare('SELECT COUNT(*) AS n FROM my_list').get()).toEqual({ n: 0 });

    const unlock = await server.app.inject({ method: 'POST', url: API.profileUnlock(alex.id), ...jsonBody({ pin: '1234' }, bearer(token)) });
    expect(unlock.statusCode).toBe(204);
    expect((await all(token)).map((r) => r.statusCode)).toEqual([200, 200, 200, 204, 204, 204]);
    // Another device's session has not unlocked it.
    const tv = (await signIn(server, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password, { ...DEVICE, name: 'Bedroom TV' })).accessToken;
    expect((await all(tv)).map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403, 403]);
  });
});

describe('reset', () => {
  it('the control reset wipes every My List and all progress and reseeds cleanly', async () => {
    await ok204(progress(alex.id, ORBIT.id, { positionSeconds: 100 }));
    await ok204(list(alex.id, ORBIT.id, true));
    await ok204(list(kids.id, PIP.id, true));
    const reset = await server.app.inject({ method: 'POST', url: CONTROL.reset, headers: CONTROL_JSON });
    expect(reset.statusCode).toBe(200);
    for (const table of ['my_list', 'watch_progress']) expect(server.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    expect(server.db.pragma('foreign_key_check')).toEqual([]);

    token = (await signIn(server)).accessToken;
    const fresh = ((await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(token) })).json() as ProfilesResponse).profiles;
    const h = await home(fresh[0]!.id);
    expect(h.rows[0]!.id).toBe('trending');
    await ok204(progress(fresh[0]!.id, ORBIT.id, { positionSeconds: 100 }));
    expect((await server.app.inject({ method: 'POST', url: CONTROL.reset, headers: CONTROL_JSON })).statusCode).toBe(200);
  });
});
