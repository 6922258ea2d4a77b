import { describe, expect, it } from 'vitest';
import { CONTROL, MAX_SEARCH_QUERY, CONTROL_HEADERS } from '../../../../shared/api';
import type { AppInfo, BridgeMethods } from '../../../../shared/bridge';
import type { Profile } from '../../../../shared/types';
import { ApiClient } from '../../../../electron/core/api-client';
import { CATALOG_INPUT_MESSAGES, createBridgeHandlers } from '../../../../electron/core/bridge-handlers';
import { DemoReset } from '../../../../electron/core/demo-reset';
import { KioskController } from '../../../../electron/core/kiosk';
import { silentLogger } from '../../../../electron/core/log';
import { CATALOG } from '../../../../server/catalog-data';
import { DEMO, makeDevice, type Device, useTestService } from './helpers';

const byName = (name: string) => CATALOG.find((t) => t.title === name)!;
const ORBIT = byName('Orbit of Ashes'); // not for kids
const CRUMB = byName("Captain Crumb's Cookie Crew"); // kids

let url: string;
const devices: Device[] = [];

useTestService((_server, u) => {
  url = u;
}, devices);

function bridgeFor(d: Device): BridgeMethods {
  const appInfo: AppInfo = { version: '0.0.0-test', serverUrl: url, host: 'web', kiosk: false };
  const controller = new KioskController(d.kv, { log: silentLogger });
  const demo = new DemoReset({ api: new ApiClient({ baseUrl: url }), session: d.session, kiosk: controller, credentials: DEMO, log: silentLogger });
  return createBridgeHandlers(d.session, appInfo, { controller, demo }, d.kv);
}

async function signedInDevice(): Promise<{ d: Device; h: BridgeMethods; profiles: Profile[] }> {
  const d = makeDevice(url, { stream: false });
  devices.push(d);
  await d.session.restore();
  const h = bridgeFor(d);
  expect(await h.signIn(DEMO.email, DEMO.password)).toMatchObject({ ok: true });
  const r = await h.listProfiles();
  if (!r.ok) throw new Error(r.error.message);
  return { d, h, profiles: r.value };
}

async function control(path: string, body: unknown): Promise<void> {
  const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...CONTROL_HEADERS }, body: JSON.stringify(body) });
  expect(res.ok, await res.text()).toBe(true);
}

describe('catalog verbs through the client core', () => {
  it('adds to My List, saves progress, and the title page, home and another device all show it', async () => {
    const { h, profiles } = await signedInDevice();
    const alex = profiles[0]!.id;

    expect(await h.getTitle(alex, ORBIT.id)).toEqual({ ok: true, value: { ...ORBIT, inMyList: false, progress: null, seasons: null } });
    expect(await h.setInMyList(alex, ORBIT.id, true)).toEqual({ ok: true, value: null });
    expect(await h.saveProgress(alex, ORBIT.id, 321.5)).toEqual({ ok: true, value: null });
    expect(await h.getTitle(alex, ORBIT.id)).toEqual({
      ok: true,
      value: { ...ORBIT, inMyList: true, progress: { positionSeconds: 321, durationSeconds: ORBIT.runtimeMinutes * 60, updatedAt: expect.any(String) }, seasons: null },
    });

    // A second device of the account: Continue Watching and Resume are right there too.
    const other = await signedInDevice();
    const home = await other.h.getHome(alex);
    if (!home.ok) throw new Error(home.error.message);
    expect(home.value.rows.slice(0, 2).map((r) => [r.kind, r.items.map((t) => t.id)])).toEqual([
      ['continue-watching', [ORBIT.id]],
      ['my-list', [ORBIT.id]],
    ]);
    expect(home.value.rows[0]!.items[0]!.progress?.positionSeconds).toBe(321);

    expect(await other.h.setInMyList(alex, ORBIT.id, false)).toEqual({ ok: true, value: null });
    expect(await h.getTitle(alex, ORBIT.id)).toMatchObject({ ok: true, value: { inMyList: false } });
  });

  it('searches with what the user typed, spaces and apostrophes included', async () => {
    const { h, profiles } = await signedInDevice();
    const alex = profiles[0]!.id;
    for (const q of ["Crumb's", 'captain cookie', '  crumb ', 'crumb & cookie?']) {
      const r = await h.search(alex, q);
      expect(r.ok && r.value[0]?.title, q).toBe(CRUMB.title);
    }
    expect(await h.search(alex, '')).toEqual({ ok: true, value: [] });
    expect(await h.search(alex, 'a'.repeat(MAX_SEARCH_QUERY))).toMatchObject({ ok: true });
  });

  it('a Kids profile is told a grown-up title is not there, for every verb', async () => {
    const { h, profiles } = await signedInDevice();
    const kids = profiles.find((p) => p.kids)!.id;
    const notFound = { ok: false, error: { code: 'not_found', message: 'That title is not available on this profile.' } };
    expect(await h.getTitle(kids, ORBIT.id)).toEqual(notFound);
    expect(await h.setInMyList(kids, ORBIT.id, true)).toEqual(notFound);
    expect(await h.saveProgress(kids, ORBIT.id, 10)).toEqual(notFound);
    expect(await h.search(kids, 'orbit')).toEqual({ ok: true, value: [] });
    expect(await h.getTitle(kids, CRUMB.id)).toMatchObject({ ok: true, value: { id: CRUMB.id } });
  });

  it('checks what the renderer sends before anything reaches the service', async () => {
    const { d, h, profiles } = await signedInDevice();
    const alex = profiles[0]!.id;
    const call = h as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const invalid = (message: string, field: string) => ({ ok: false, error: { code: 'invalid_input', message, field } });
    for (const bad of [undefined, null, 42, '', 'x'.repeat(101), { id: alex }]) {
      expect(await call.getTitle!(bad, ORBIT.id)).toEqual(invalid(CATALOG_INPUT_MESSAGES.profile, 'profileId'));
      expect(await call.getTitle!(alex, bad)).toEqual(invalid(CATALOG_INPUT_MESSAGES.title, 'titleId'));
      expect(await call.search!(bad, 'orbit')).toEqual(invalid(CATALOG_INPUT_MESSAGES.profile, 'profileId'));
      expect(await call.setInMyList!(alex, bad, true)).toEqual(invalid(CATALOG_INPUT_MESSAGES.title, 'titleId'));
      expect(await call.saveProgress!(bad, ORBIT.id, 1)).toEqual(invalid(CATALOG_INPUT_MESSAGES.profile, 'profileId'));
    }
    for (const q of [undefined, null, 5, ['orbit']]) expect(await call.search!(alex, q)).toEqual(invalid(CATALOG_INPUT_MESSAGES.queryType, 'query'));
    expect(await call.search!(alex, 'a'.repeat(MAX_SEARCH_QUERY + 1))).toEqual(invalid(`Search for at most ${MAX_SEARCH_QUERY} characters.`, 'query'));
    for (const inList of [undefined, 'true', 1, null]) expect(await call.setInMyList!(alex, ORBIT.id, inList)).toEqual(invalid(CATALOG_INPUT_MESSAGES.inList, 'inList'));
    for (const position of [undefined, '10', -1, Number.NaN, Number.POSITIVE_INFINITY, null, [10]]) {
      expect(await call.saveProgress!(alex, ORBIT.id, position)).toEqual(invalid(CATALOG_INPUT_MESSAGES.position, 'positionSeconds'));
    }
    expect(await h.getTitle(alex, ORBIT.id)).toMatchObject({ ok: true, value: { inMyList: false, progress: null } });

    // Past the handler, the service's own 400 still arrives as invalid_input with its words.
    expect(await d.session.saveProgress(alex, ORBIT.id, -5)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'The position must be a number of seconds, 0 or more.', field: 'positionSeconds' },
    });
  });

  it('a locked profile asks for its PIN first', async () => {
    const { h, profiles } = await signedInDevice();
    const alex = profiles[0]!.id;
    expect(await h.setProfilePin(alex, DEMO.password, '1234')).toEqual({ ok: true, value: null });
    const locked = { ok: false, error: { code: 'profile_locked', message: 'This profile is locked. Enter its PIN.' } };
    expect(await h.getTitle(alex, ORBIT.id)).toEqual(locked);
    expect(await h.search(alex, 'orbit')).toEqual(locked);
    expect(await h.setInMyList(alex, ORBIT.id, true)).toEqual(locked);
    expect(await h.saveProgress(alex, ORBIT.id, 5)).toEqual(locked);
    expect(await h.unlockProfile(alex, '1234')).toEqual({ ok: true, value: null });
    expect(await h.saveProgress(alex, ORBIT.id, 5)).toEqual({ ok: true, value: null });
  });

  it('an outage says the service cannot be reached and keeps the session; a revocation signs out', async () => {
    const { d, h, profiles } = await signedInDevice();
    const alex = profiles[0]!.id;
    await control(CONTROL.outage, { mode: 'down', forMs: 60_000 });
    const unreachable = { ok: false, error: { code: 'server_unreachable', message: expect.stringContaining("Can't reach") } };
    expect(await h.getTitle(alex, ORBIT.id)).toEqual(unreachable);
    expect(await h.search(alex, 'orbit')).toEqual(unreachable);
    expect(await h.setInMyList(alex, ORBIT.id, true)).toEqual(unreachable);
    expect(await h.saveProgress(alex, ORBIT.id, 5)).toEqual(unreachable);
    expect(d.session.getState().status).toBe('signed-in');
    expect(d.session.clearCount).toBe(0);
    await control(CONTROL.outage, { mode: 'normal' });

    await control(CONTROL.revokeAll, { email: DEMO.email });
    expect(await h.saveProgress(alex, ORBIT.id, 5)).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect(d.session.getState()).toMatchObject({ status: 'signed-out', notice: { reason: 'all-devices' } });
    expect(d.kv.get('session')).toBeUndefined();
    expect(await h.getTitle(alex, ORBIT.id)).toMatchObject({ ok: false, error: { code: 'signed_out' } });
  });
});
