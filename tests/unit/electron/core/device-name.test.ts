/**
 * Devices a household can tell apart (issue 15, item 5): a friendly default name chosen once per
 * install, a --device-name, a rename kept across sign-ins (made here or elsewhere), and the
 * service telling two same-named devices apart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_WORDS, DeviceIdentity, defaultDeviceName } from '../../../../electron/core/device';
import { openConfStore } from '../../../../electron/core/conf-store';
import { silentLogger } from '../../../../electron/core/log';
import { cleanupDirs, DEMO, makeDevice, tempDir, useTestService, type Device } from './helpers';

let url: string;
const devices: Device[] = [];
useTestService((_s, u) => {
  url = u;
}, devices);
afterEach(() => cleanupDirs());

function identity(dir: string, flag?: string) {
  const { store } = openConfStore(dir, silentLogger);
  return { store, id: new DeviceIdentity(store, 'electron', '1.0.0', flag) };
}

async function device(dir: string, flag?: string): Promise<{ d: Device; id: DeviceIdentity }> {
  const { store, id } = identity(dir, flag);
  const d = makeDevice(url, { dir, device: id, stream: false });
  void store;
  devices.push(d);
  await d.session.restore();
  const r = await d.session.signIn(DEMO.email, DEMO.password);
  expect(r.ok).toBe(true);
  return { d, id };
}

async function names(d: Device): Promise<{ mine: string; all: string[] }> {
  const r = await d.session.listDevices();
  if (!r.ok) throw new Error(r.error.message);
  return { mine: r.value.find((x) => x.current)!.name, all: r.value.map((x) => x.name) };
}

describe('a device name a household can tell apart', () => {
  it('the default is a friendly word and "TV", chosen once and kept by the store', () => {
    expect(defaultDeviceName(() => 0)).toBe(`${DEVICE_WORDS[0]} TV`);
    expect(new Set(DEVICE_WORDS).size).toBe(DEVICE_WORDS.length);
    const dir = tempDir();
    const first = identity(dir).id.name();
    expect(first).toMatch(/^[A-Z][a-z]+ TV$/);
    // The same install (store) keeps it; a flag wins over it, a rename over both.
    expect(identity(dir).id.name()).toBe(first);
    expect(identity(dir, 'Bedroom TV').id.name()).toBe('Bedroom TV');
    identity(dir, 'Bedroom TV').id.rename('  Grandma’s room  ');
    expect(identity(dir, 'Bedroom TV').id.name()).toBe('Grandma’s room');
    expect(identity(dir).id.info()).toMatchObject({ name: 'Grandma’s room', appVersion: '1.0.0' });
  });

  it('a damaged stored name is replaced by a fresh default', () => {
    const dir = tempDir();
    const { store, id } = identity(dir);
    store.set('device', { defaultName: 42 } as never);
    expect(id.name()).toMatch(/^[A-Z][a-z]+ TV$/);
    store.set('device', { defaultName: 'Otter TV', renamed: '\u202Eevil' } as never);
    expect(id.name()).toBe('Otter TV');
  });

  it('a rename on this TV is kept for the next sign-in', async () => {
    const dir = tempDir();
    const { d, id } = await device(dir, 'Living room');
    const me = (await d.session.listDevices()).ok ? (await names(d)).mine : '';
    expect(me).toBe('Living room');
    const current = await d.session.listDevices();
    const myId = current.ok ? current.value.find((x) => x.current)!.id : '';
    expect((await d.session.renameDevice(myId, 'Den')).ok).toBe(true);
    expect(id.name()).toBe('Den');

    await d.session.signOut();
    expect((await d.session.signIn(DEMO.email, DEMO.password)).ok).toBe(true);
    expect((await names(d)).mine).toBe('Den');
  });

  it('a rename made on another TV reaches this one when it lists the devices, and is kept too', async () => {
    const a = await device(tempDir(), 'Kitchen TV');
    const b = await device(tempDir(), 'Hall TV');
    const list = await b.d.session.listDevices();
    const kitchen = list.ok ? list.value.find((x) => x.name === 'Kitchen TV')! : null;
    expect((await b.d.session.renameDevice(kitchen!.id, 'Kitchen')).ok).toBe(true);
    expect(a.id.name()).toBe('Kitchen TV');
    expect((await names(a.d)).mine).toBe('Kitchen');
    expect(a.id.name()).toBe('Kitchen');
  });

  it('two devices given the same name are told apart by the service; a signed-out one frees its name', async () => {
    const one = await device(tempDir(), 'Bedroom TV');
    const two = await device(tempDir(), 'Bedroom TV');
    expect((await names(two.d)).mine).toBe('Bedroom TV 2');
    expect((await names(one.d)).all.sort()).toEqual(['Bedroom TV', 'Bedroom TV 2']);
    await one.d.session.signOut();
    const three = await device(tempDir(), 'Bedroom TV');
    expect((await names(three.d)).mine).toBe('Bedroom TV');
  });
});
