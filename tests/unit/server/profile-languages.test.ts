/**
 * Each profile's languages (its audio, and its subtitles or Off): stored on the service, returned
 * with the profile to every device, checked against the languages the service streams, changed
 * by the profile in use without the account password (the household rules stay for the rest),
 * and handed to every playback so the player starts with them on any device.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API, type PlaybackResponse, type ProfilesResponse } from '../../../shared/api';
import { DEFAULT_AUDIO_LANGUAGE, STREAM_LANGUAGES, type Profile } from '../../../shared/types';
import type { CouchsideServer } from '../../../server/app';
import { PASSWORD_REASONS } from '../../../server/household';
import { AUDIO_TRACKS } from '../../../server/media/encoder';
import { SUBTITLE_TRACKS } from '../../../server/media/timeline';
import { PROFILE_MESSAGES } from '../../../server/profiles';
import { bearer, DEMO_ACCOUNT, jsonBody, memoryServer, signIn } from './helpers';
import { HAS_FFMPEG, TINY_MEDIA, WITHOUT_FFMPEG, tempMediaDir } from './media/helpers';

const PASSWORD = DEMO_ACCOUNT.password;

describe('profile languages', () => {
  let server: CouchsideServer;
  let tv: string;
  let byName: Record<string, Profile>;

  const inject = (method: 'POST' | 'PATCH' | 'GET', url: string, token: string, body?: unknown) =>
    body === undefined ? server.app.inject({ method, url, headers: bearer(token) }) : server.app.inject({ method, url, ...jsonBody(body, bearer(token)) });
  const use = async (token: string, name: string) =>
    expect((await inject('POST', API.currentProfile, token, { profileId: byName[name]!.id })).statusCode).toBe(204);
  const profiles = async (token: string) => ((await inject('GET', API.profiles, token)).json() as ProfilesResponse).profiles;
  const patch = (token: string, name: string, body: unknown) => inject('PATCH', API.profile(byName[name]!.id), token, body);

  beforeEach(async () => {
    server = await memoryServer({ control: true });
    tv = (await signIn(server)).accessToken;
    byName = Object.fromEntries((await profiles(tv)).map((p) => [p.name, p]));
  });
  afterEach(() => server.close());

  it('every profile starts with English audio and subtitles Off', () => {
    for (const p of Object.values(byName)) expect(p).toMatchObject({ audioLanguage: DEFAULT_AUDIO_LANGUAGE, subtitleLanguage: null });
  });

  it('the profile in use sets its own languages without the password, and every device reads them', async () => {
    await use(tv, 'Alex');
    const res = await patch(tv, 'Alex', { subtitleLanguage: 'fr', audioLanguage: 'fr' });
    expect(res.statusCode).toBe(200);
    expect(res.json().profile).toMatchObject({ name: 'Alex', audioLanguage: 'fr', subtitleLanguage: 'fr' });

    // Another device of the account (another TV) sees them with the profile.
    const bedroom = (await signIn(server)).accessToken;
    expect((await profiles(bedroom)).find((p) => p.name === 'Alex')).toMatchObject({ audioLanguage: 'fr', subtitleLanguage: 'fr' });

    // One at a time; null turns subtitles Off; what is not sent stays.
    expect((await patch(tv, 'Alex', { subtitleLanguage: null })).json().profile).toMatchObject({ audioLanguage: 'fr', subtitleLanguage: null });
    expect((await patch(tv, 'Alex', { audioLanguage: 'en' })).json().profile).toMatchObject({ audioLanguage: 'en', subtitleLanguage: null });
    expect((await patch(tv, 'Alex', { name: 'Lex' })).json().profile).toMatchObject({ name: 'Lex', audioLanguage: 'en', subtitleLanguage: null });
    // The other profiles did not change.
    expect((await profiles(bedroom)).filter((p) => p.name !== 'Lex').every((p) => p.audioLanguage === 'en' && p.subtitleLanguage === null)).toBe(true);
  });

  it('a Kids profile sets its own languages too, but turning Kids off still needs the password', async () => {
    await use(tv, 'Kids');
    expect((await patch(tv, 'Kids', { subtitleLanguage: 'en' })).statusCode).toBe(200);
    const both = await patch(tv, 'Kids', { subtitleLanguage: 'fr', kids: false });
    expect(both.statusCode).toBe(403);
    expect(both.json().error).toEqual({ code: 'password_required', message: PASSWORD_REASONS.leaveKids('Kids'), field: 'password' });
    // Refused as a whole: nothing of it was stored.
    expect((await profiles(tv)).find((p) => p.name === 'Kids')).toMatchObject({ kids: true, subtitleLanguage: 'en' });
  });

  it("someone else's profile: its languages need the password, like its name", async () => {
    await use(tv, 'Alex');
    const res = await patch(tv, 'Sam', { subtitleLanguage: 'fr' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toEqual({ code: 'password_required', message: PASSWORD_REASONS.changeOther('Sam'), field: 'password' });
    expect((await patch(tv, 'Sam', { subtitleLanguage: 'fr', password: PASSWORD })).json().profile).toMatchObject({ subtitleLanguage: 'fr' });
  });

  it('refuses languages the service does not stream, and wrong types, with 400 and the field', async () => {
    await use(tv, 'Alex');
    const cases: [unknown, string][] = [
      [{ audioLanguage: 'de' }, 'audioLanguage'],
      [{ audioLanguage: '' }, 'audioLanguage'],
      [{ audioLanguage: null }, 'audioLanguage'],
      [{ audioLanguage: 5 }, 'audioLanguage'],
      [{ audioLanguage: 'x'.repeat(500) }, 'audioLanguage'],
      [{ subtitleLanguage: 'EN' }, 'subtitleLanguage'],
      [{ subtitleLanguage: 'off' }, 'subtitleLanguage'],
      [{ subtitleLanguage: false }, 'subtitleLanguage'],
      [{ subtitleLanguage: 'de', name: 'Alexis' }, 'subtitleLanguage'],
    ];
    for (const [body, field] of cases) {
      const res = await patch(tv, 'Alex', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error, JSON.stringify(body)).toEqual({ code: 'invalid_request', message: PROFILE_MESSAGES[field as 'audioLanguage'], field });
    }
    expect((await profiles(tv)).find((p) => p.id === byName.Alex!.id)).toMatchObject({ name: 'Alex', audioLanguage: 'en', subtitleLanguage: null });
  });

  it("the languages offered are every title's audio and subtitle tracks", () => {
    const codes = STREAM_LANGUAGES.map((l) => l.code);
    expect(AUDIO_TRACKS.map((t) => t.language)).toEqual(codes);
    expect(SUBTITLE_TRACKS.map((t) => t.language)).toEqual(codes);
  });
});

describe(`profile languages: each playback starts with them${WITHOUT_FFMPEG}`, () => {
  const cache = tempMediaDir();
  afterAll(() => cache.remove());

  it.skipIf(!HAS_FFMPEG)("POST API.playback answers the profile's languages as they are now, on any device", async () => {
    const server = await memoryServer({ media: { dir: cache.dir, settings: TINY_MEDIA } });
    try {
      const living = (await signIn(server)).accessToken;
      const bedroom = (await signIn(server)).accessToken;
      const { profiles } = (await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(living) })).json() as ProfilesResponse;
      const alex = profiles.find((p) => p.name === 'Alex')!;
      const play = async (token: string) =>
        ((await server.app.inject({ method: 'POST', url: API.playback, ...jsonBody({ profileId: alex.id, titleId: 'glass-harbor' }, bearer(token)) })).json() as PlaybackResponse)
          .languages;
      expect(await play(bedroom)).toEqual({ audio: 'en', subtitles: null });
      await server.app.inject({ method: 'POST', url: API.currentProfile, ...jsonBody({ profileId: alex.id }, bearer(living)) });
      await server.app.inject({ method: 'PATCH', url: API.profile(alex.id), ...jsonBody({ subtitleLanguage: 'fr' }, bearer(living)) });
      expect(await play(bedroom)).toEqual({ audio: 'en', subtitles: 'fr' });
    } finally {
      await server.close();
    }
  });
});
