/** Pure helpers for the Devices screen: wording, ordering and the rename rule (unit-tested). */
import { MAX_DEVICE_NAME } from '../../shared/api';
import type { DeviceSummary } from '../../shared/bridge';
import { checkName, type NameCheck } from '../../shared/names';

/** The longest device name the rename form accepts (the service's limit). */
export const DEVICE_NAME_MAX = MAX_DEVICE_NAME;

/** A device name as it will be stored, or the message to show under the field. */
export type { NameCheck } from '../../shared/names';

/** Checks a typed device name with the one rule every tier uses (shared/names.ts). */
export function checkDeviceName(raw: string): NameCheck {
  return checkName('device', raw);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
}

/** "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago", "on 2 Mar 2025". */
export function formatAgo(iso: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return 'a while ago';
  // A clock a little ahead of ours still means "now".
  const ms = Math.max(0, now - at);
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return plural(Math.floor(ms / MINUTE), 'minute');
  if (ms < DAY) return plural(Math.floor(ms / HOUR), 'hour');
  const days = Math.floor(ms / DAY);
  if (days === 1) return 'yesterday';
  if (days < 30) return plural(days, 'day');
  const date = new Date(at).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  return `on ${date}`;
}

/** True when a version string says something ("-" and "" say nothing). */
function hasVersion(v: string): boolean {
  const t = v.trim();
  return t !== '' && t !== '-';
}

/** What the device is, as short facts: ["Linux", "Couchside 0.1.0"], or ["Couchside website"]. */
export function deviceFacts(d: DeviceSummary): string[] {
  const platform = d.platform.trim();
  const facts: string[] = [];
  if (d.kind === 'web') {
    facts.push('Couchside website');
    if (platform && platform.toLowerCase() !== 'web') facts.push(platform);
    return facts;
  }
  if (platform) facts.push(platform);
  facts.push(hasVersion(d.appVersion) ? `Couchside ${d.appVersion.trim()}` : 'Couchside app');
  return facts;
}

/** The service's rough location, worded for the list ("Unknown" alone reads oddly). */
export function locationText(location: string): string {
  const t = location.trim();
  return !t || t.toLowerCase() === 'unknown' ? 'Location unknown' : t;
}

/** This device first, then the most recently active; ties keep the service's order. */
export function sortDevices(devices: readonly DeviceSummary[]): DeviceSummary[] {
  const time = (d: DeviceSummary) => {
    const t = Date.parse(d.lastActiveAt);
    return Number.isFinite(t) ? t : 0;
  };
  return devices
    .map((d, i) => ({ d, i }))
    .sort((a, b) => Number(b.d.current) - Number(a.d.current) || time(b.d) - time(a.d) || a.i - b.i)
    .map((x) => x.d);
}
