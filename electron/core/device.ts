/**
 * Describes this device to the service at sign-in (name, platform, app version), and keeps its
 * name stable: a friendly default chosen once per install ("Otter TV"), a `--device-name` when
 * given, and a rename made on any screen kept across sign-ins (the store outlives the session).
 */
import { randomInt } from 'node:crypto';
import { platform } from 'node:os';
import type { DeviceInfo } from '../../shared/api';
import { checkName } from '../../shared/names';
import type { KeyValueStore, StoreData } from './store';

const PLATFORM_NAMES: Record<string, string> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };

/**
 * Words for a default name: short, unlike each other, easy to say across a room. Two devices of
 * one account that still draw the same word are told apart by the service ("Otter TV 2").
 */
export const DEVICE_WORDS: readonly string[] = [
  'Otter', 'Heron', 'Maple', 'Comet', 'Badger', 'Willow', 'Falcon', 'Harbor', 'Lynx', 'Aspen', 'Puffin', 'Cedar',
  'Orca', 'Meadow', 'Kestrel', 'Juniper', 'Bison', 'Coral', 'Fox', 'Glacier', 'Ibis', 'Lark', 'Moose', 'Nova',
  'Panda', 'Quartz', 'Raven', 'Sable', 'Tern', 'Umber', 'Walrus', 'Yarrow', 'Beacon', 'Cobalt', 'Dune', 'Ember',
  'Fjord', 'Gecko', 'Hazel', 'Iris', 'Jasper', 'Koala', 'Lotus', 'Marten', 'Nutmeg', 'Osprey', 'Pebble', 'Robin',
];

/** A new default name: one of DEVICE_WORDS and "TV" ("Otter TV"). */
export function defaultDeviceName(pick: (n: number) => number = randomInt): string {
  return `${DEVICE_WORDS[pick(DEVICE_WORDS.length)]} TV`;
}

/** The DeviceInfo for this machine with `name`; `host` says whether it is the Electron app or the web host. */
export function describeDevice(host: 'electron' | 'web', appVersion: string, name: string): DeviceInfo {
  const os = PLATFORM_NAMES[platform()] ?? platform();
  return { name, platform: host === 'web' ? `${os} (web host)` : os, appVersion };
}

/** What the store keeps of this device's name (`StoreData.device`). */
export interface StoredDeviceName {
  /** Chosen once, the first time this install needed a name. */
  defaultName: string;
  /** A rename (on this TV, another one, or the account page), which wins over the default and the flag. */
  renamed?: string;
}

function storedName(v: unknown): StoredDeviceName | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.defaultName !== 'string' || !checkName('device', o.defaultName).ok) return null;
  const renamed = typeof o.renamed === 'string' && checkName('device', o.renamed).ok ? o.renamed : undefined;
  return renamed === undefined ? { defaultName: o.defaultName } : { defaultName: o.defaultName, renamed };
}

/** Where a sign-in gets this device's description: fixed, or a DeviceIdentity that can change. */
export type DeviceSource = DeviceInfo | Pick<DeviceIdentity, 'info' | 'rename'>;

/** The DeviceInfo to send now. */
export function deviceInfo(source: DeviceSource): DeviceInfo {
  return 'info' in source ? source.info() : source;
}

/**
 * This device's identity across sign-ins: `info()` is what a sign-in sends; `rename()` keeps a
 * new name for the next one. A damaged store entry is replaced by a fresh default.
 */
export class DeviceIdentity {
  constructor(
    private readonly store: KeyValueStore<StoreData>,
    private readonly host: 'electron' | 'web',
    private readonly appVersion: string,
    /** `--device-name` / COUCHSIDE_DEVICE_NAME: wins over the default, not over a rename. */
    private readonly flagName?: string,
  ) {}

  private read(): StoredDeviceName {
    const stored = storedName(this.store.get('device'));
    if (stored) return stored;
    const fresh = { defaultName: defaultDeviceName() };
    this.store.set('device', fresh);
    return fresh;
  }

  /** The name this device goes by now. */
  name(): string {
    const stored = this.read();
    return stored.renamed ?? (this.flagName || stored.defaultName);
  }

  info(): DeviceInfo {
    return describeDevice(this.host, this.appVersion, this.name());
  }

  /** Keeps a rename (already checked by the caller and accepted by the service). */
  rename(name: string): void {
    const checked = checkName('device', name);
    if (!checked.ok) return;
    this.store.set('device', { ...this.read(), renamed: checked.name });
  }
}
