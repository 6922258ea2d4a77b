import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../../../electron/core/api-client';
import { DEMO_MESSAGES, DemoReset, demoCredentialsFromEnv, DEFAULT_DEMO_CREDENTIALS } from '../../../../electron/core/demo-reset';
import { KioskController, type KioskSwitches } from '../../../../electron/core/kiosk';
import { silentLogger } from '../../../../electron/core/log';
import { createServer, type CouchsideServer } from '../../../../server/app';
import { cleanupDirs, DEMO, makeDevice, type Device } from './helpers';

let server: CouchsideServer | null = null;
const devices: Device[] = [];

afterEach(async () => {
  for (const d of devices.splice(0)) d.session.dispose();
  await server?.close();
  server = null;
  cleanupDirs();
});

async function setUp(opts: { control: boolean; flags?: KioskSwitches }) {
  server = await createServer({ dbPath: ':memory:', control: opts.control });
  const url = await server.listen(0, '127.0.0.1');
  const d = makeDevice(url);
  devices.push(d);
  await d.session.restore();
  const kiosk = new KioskController(d.kv, { flags: opts.flags ?? { kiosk: true, demo: true }, log: silentLogger });
  const demo = new DemoReset({ api: new ApiClient({ baseUrl: url }), session: d.session, kiosk, credentials: DEMO, log: silentLogger });
  return { url, d, demo };
}

describe('DemoReset', () => {
  it('reads the demo account from the env, else uses the seeded one', () => {
    expect(demoCredentialsFromEnv({})).toEqual(DEFAULT_DEMO_CREDENTIALS);
    expect(DEFAULT_DEMO_CREDENTIALS).toEqual(DEMO);
    expect(demoCredentialsFromEnv({ COUCHSIDE_DEMO_EMAIL: 'lobby@couchside.test', COUCHSIDE_DEMO_PASSWORD: 'pw-lobby' })).toEqual({
      email: 'lobby@couchside.test',
      password: 'pw-lobby',
    });
  });

  it('resets the demo household and signs back in, with no sign-out notice on the way', async () => {
    const { url, d, demo } = await setUp({ control: true });
    await d.session.signIn(DEMO.email, DEMO.password);
    await vi.waitFor(() => expect(d.session.streamOpen).toBe(true));
    // A visitor renames this device, and another device of the household is signed in.
    const mine = await d.session.listDevices();
    const me = mine.ok ? mine.value.find((x) => x.current)! : null;
    expect(await d.session.renameDevice(me!.id, 'Visitor was here')).toEqual({ ok: true, value: null });
    const other = makeDevice(url);
    devices.push(other);
    await other.session.restore();
    await other.session.signIn(DEMO.email, DEMO.password);
    await vi.waitFor(() => expect(other.session.streamOpen).toBe(true));
    const before = d.states.length;

    expect(await demo.run()).toEqual({ ok: true, value: null });

    expect(d.session.getState()).toMatchObject({ status: 'signed-in', account: { email: DEMO.email } });
    // Signed out quietly (the one clear() path, no notice), then straight back in.
    expect(d.states.slice(before).map((s) => s.status)).toEqual(['signed-out', 'signed-in']);
    expect(d.states.slice(before)[0]).toEqual({ status: 'signed-out', notice: null });
    const after = await d.session.listDevices();
    expect(after.ok && after.value.map((x) => x.name)).toEqual(['Test TV']);
    expect(after.ok && after.value[0]!.id).not.toBe(me!.id);
    // The rest of the household was reset too: the other device learns its session is gone.
    await vi.waitFor(() => expect(other.session.getState()).toMatchObject({ status: 'signed-out', notice: { reason: 'expired' } }));
    // Our stream is back, and no late "revoked" from the reset ever reached us.
    await vi.waitFor(() => expect(d.session.streamOpen).toBe(true));
    await new Promise((r) => setTimeout(r, 300));
    expect(d.session.getState().status).toBe('signed-in');
    expect(d.states.some((s) => s.status === 'signed-out' && s.notice)).toBe(false);
  });

  it('signs in to the demo household even when nobody was signed in', async () => {
    const { d, demo } = await setUp({ control: true });
    expect(await demo.run()).toEqual({ ok: true, value: null });
    expect(d.session.getState()).toMatchObject({ status: 'signed-in' });
  });

  it('fails clearly when the service runs without --control, and keeps the session as it was', async () => {
    const { d, demo } = await setUp({ control: false });
    await d.session.signIn(DEMO.email, DEMO.password);
    await vi.waitFor(() => expect(d.session.streamOpen).toBe(true));
    const before = d.states.length;
    expect(await demo.run()).toEqual({ ok: false, error: { code: 'failed', message: DEMO_MESSAGES.needsControl } });
    expect(DEMO_MESSAGES.needsControl).toContain('--control');
    expect(d.session.getState()).toMatchObject({ status: 'signed-in' });
    expect(d.states.slice(before).filter((s) => s.status !== 'signed-in')).toEqual([]);
    await vi.waitFor(() => expect(d.session.streamOpen).toBe(true));
  });

  it('is refused unless demo mode is on', async () => {
    const { d, demo } = await setUp({ control: true, flags: { kiosk: true } });
    await d.session.signIn(DEMO.email, DEMO.password);
    expect(await demo.run()).toEqual({ ok: false, error: { code: 'invalid_input', message: DEMO_MESSAGES.off } });
    expect(d.session.getState()).toMatchObject({ status: 'signed-in' });
  });

  it('runs one reset at a time', async () => {
    const { d, demo } = await setUp({ control: true });
    const [a, b] = await Promise.all([demo.run(), demo.run()]);
    expect(a).toEqual({ ok: true, value: null });
    expect(b).toEqual(a);
    const list = await d.session.listDevices();
    expect(list.ok && list.value).toHaveLength(1);
  });
});
