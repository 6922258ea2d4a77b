import { describe, expect, it } from 'vitest';
import { checkName, NAME_MESSAGES } from '../../../shared/names';
import type { DeviceSummary } from '../../../shared/bridge';
import {
  DEVICE_NAME_MAX,
  checkDeviceName,
  deviceFacts,
  formatAgo,
  locationText,
  sortDevices,
} from '../../../renderer/src/devices';

const NOW = Date.parse('2025-06-15T12:00:00.000Z');
const before = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function device(over: Partial<DeviceSummary>): DeviceSummary {
  return {
    id: 'd',
    name: 'TV',
    platform: 'Linux',
    appVersion: '0.1.0',
    kind: 'device',
    lastProfile: null,
    lastActiveAt: before(0),
    location: 'Home network',
    current: false,
    ...over,
  };
}

describe('formatAgo', () => {
  it('words recent times the way people say them', () => {
    expect(formatAgo(before(0), NOW)).toBe('just now');
    expect(formatAgo(before(59_000), NOW)).toBe('just now');
    expect(formatAgo(before(MIN), NOW)).toBe('1 minute ago');
    expect(formatAgo(before(5 * MIN + 30_000), NOW)).toBe('5 minutes ago');
    expect(formatAgo(before(HOUR), NOW)).toBe('1 hour ago');
    expect(formatAgo(before(23 * HOUR), NOW)).toBe('23 hours ago');
    expect(formatAgo(before(DAY + HOUR), NOW)).toBe('yesterday');
    expect(formatAgo(before(4 * DAY), NOW)).toBe('4 days ago');
  });

  it('gives a date for old times, "just now" for a clock ahead of ours, and copes with junk', () => {
    expect(formatAgo('2025-03-02T10:00:00.000Z', NOW)).toBe('on 2 Mar 2025');
    expect(formatAgo(new Date(NOW + 90_000).toISOString(), NOW)).toBe('just now');
    expect(formatAgo('not a date', NOW)).toBe('a while ago');
  });
});

describe('checkDeviceName', () => {
  it('accepts 1 to 40 characters, trimmed and with runs of spaces squeezed', () => {
    expect(checkDeviceName('  Den   TV ')).toEqual({ ok: true, name: 'Den TV' });
    expect(checkDeviceName('x')).toEqual({ ok: true, name: 'x' });
    expect(checkDeviceName('a'.repeat(DEVICE_NAME_MAX))).toEqual({ ok: true, name: 'a'.repeat(40) });
    // Counted as characters, not UTF-16 units.
    expect(checkDeviceName('📺'.repeat(40)).ok).toBe(true);
  });

  it('refuses empty and over-long names with a message that says what to do', () => {
    expect(checkDeviceName('   ')).toEqual({ ok: false, message: 'Enter a name for the device.' });
    expect(checkDeviceName('a'.repeat(41))).toEqual({
      ok: false,
      message: 'Device names can be at most 40 characters (this one has 41).',
    });
  });
});

describe('device wording', () => {
  it('describes apps by platform and version, browsers as the website', () => {
    expect(deviceFacts(device({}))).toEqual(['Linux', 'Couchside 0.1.0']);
    expect(deviceFacts(device({ appVersion: '-' }))).toEqual(['Linux', 'Couchside app']);
    expect(deviceFacts(device({ kind: 'web', platform: 'web', appVersion: '-' }))).toEqual(['Couchside website']);
    expect(deviceFacts(device({ kind: 'web', platform: 'macOS' }))).toEqual(['Couchside website', 'macOS']);
  });

  it('says "Location unknown" rather than a bare "Unknown"', () => {
    expect(locationText('Unknown')).toBe('Location unknown');
    expect(locationText('')).toBe('Location unknown');
    expect(locationText('This computer')).toBe('This computer');
  });

  it('lists this device first, then the most recently active', () => {
    const list = [
      device({ id: 'old', lastActiveAt: before(DAY) }),
      device({ id: 'new', lastActiveAt: before(MIN) }),
      device({ id: 'me', current: true, lastActiveAt: before(2 * DAY) }),
      device({ id: 'junk', lastActiveAt: 'nope' }),
      device({ id: 'new2', lastActiveAt: before(MIN) }),
    ];
    expect(sortDevices(list).map((d) => d.id)).toEqual(['me', 'new', 'new2', 'old', 'junk']);
    expect(list[0]!.id).toBe('old');
  });
});

describe('the one name rule', () => {
  it('the renderer checks a device name exactly as the main process and the service do', () => {
    expect(checkDeviceName('📺'.repeat(41))).toEqual(checkName('device', '📺'.repeat(41)));
    expect(checkDeviceName('📺'.repeat(40))).toEqual({ ok: true, name: '📺'.repeat(40) });
    expect(checkDeviceName('TV \u202e')).toEqual({ ok: false, message: NAME_MESSAGES.forbidden('device') });
  });
});
