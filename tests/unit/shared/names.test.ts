/**
 * One rule for profile and device names, the same in every tier: the renderer's check, the main
 * process's (bridge handlers) and the service's agree, counting what people count (an emoji is
 * one character) and refusing characters that would make a name read differently than it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../../shared/api';
import { checkName, NAME_MESSAGES } from '../../../shared/names';
import type { CouchsideServer } from '../../../server/app';
import { bearer, jsonBody, memoryServer, signIn } from '../server/helpers';

describe('the name rule', () => {
  it('counts code points: 20 📺 are a 20-character device name, 41 are too many', () => {
    expect(checkName('device', '📺'.repeat(40))).toEqual({ ok: true, name: '📺'.repeat(40) });
    expect(checkName('device', '📺'.repeat(41))).toEqual({ ok: false, message: NAME_MESSAGES.tooLong('device', 41) });
    expect(checkName('profile', '📺'.repeat(20))).toEqual({ ok: true, name: '📺'.repeat(20) });
  });

  it('trims and folds runs of spaces', () => {
    expect(checkName('device', '  Den   TV ')).toEqual({ ok: true, name: 'Den TV' });
    expect(checkName('profile', '   ')).toEqual({ ok: false, message: NAME_MESSAGES.empty('profile') });
  });

  it.each([
    ['a right-to-left override (spoofs "Living room TV" on /activate)', 'Living room \u202eVT'],
    ['a bidi isolate', 'TV \u2066x\u2069'],
    ['a right-to-left mark', 'TV\u200f'],
    ['a newline', 'Den\nTV'],
    ['a NUL', 'Den\u0000TV'],
    ['an escape', '\u001b[31mred'],
  ])('refuses %s', (_what, raw) => {
    expect(checkName('device', raw)).toEqual({ ok: false, message: NAME_MESSAGES.forbidden('device') });
  });
});

describe('the service applies it', () => {
  let server: CouchsideServer;
  let token: string;
  beforeAll(async () => {
    server = await memoryServer();
    token = (await signIn(server)).accessToken;
  });
  afterAll(() => server.close());

  it('a device name with a bidi override is refused with the same message; 40 emoji are fine', async () => {
    const me = (await server.app.inject({ method: 'GET', url: API.devices, headers: bearer(token) })).json().devices.find((d: { current: boolean }) => d.current) as { id: string };
    const spoof = await server.app.inject({ method: 'PATCH', url: API.device(me.id), ...jsonBody({ name: 'Living room \u202eVT' }, bearer(token)) });
    expect(spoof.statusCode).toBe(400);
    expect(spoof.json().error.message).toBe(NAME_MESSAGES.forbidden('device'));
    const emoji = await server.app.inject({ method: 'PATCH', url: API.device(me.id), ...jsonBody({ name: '📺'.repeat(40) }, bearer(token)) });
    expect(emoji.statusCode).toBe(204);
    const tooMany = await server.app.inject({ method: 'PATCH', url: API.device(me.id), ...jsonBody({ name: '📺'.repeat(41) }, bearer(token)) });
    expect(tooMany.json().error.message).toBe(NAME_MESSAGES.tooLong('device', 41));
  });

  it('a profile name with a control character is refused with the same message', async () => {
    const res = await server.app.inject({ method: 'POST', url: API.profiles, ...jsonBody({ name: 'Sam\u202e', avatar: 'fox', maturity: 'all' }, bearer(token)) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(NAME_MESSAGES.forbidden('profile'));
  });
});
