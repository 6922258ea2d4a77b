/** Device rows as the devices list shows them: listing, renaming, and the profile last used. */
import { MAX_DEVICE_NAME, type DeviceSummary } from '../shared/api';
import { WEB_SESSION_ABSOLUTE_MS, WEB_SESSION_IDLE_MS } from './auth';
import { checkName } from '../shared/names';
import type { Database } from './db';
import { ApiError } from './errors';
import { DEVICE_SESSION_ABSOLUTE_MS, DEVICE_SESSION_IDLE_MS } from './token-family';


interface DeviceRow {
  id: string;
  name: string;
  platform: string;
  appVersion: string;
  kind: 'device' | 'web';
  lastProfile: string | null;
  lastActiveAt: string;
  location: string;
}

/**
 * The account's devices that still hold a live session, most recently active first, with
 * `current` set for `currentDeviceId`. A session past its idle or absolute lifetime (a browser not
 * used for a week, a TV for 90 days) is no longer live: it ends at its next use anyway, so the
 * list leaves it out rather than show it until then.
 */
export function listDevices(db: Database, accountId: string, currentDeviceId?: string, now = Date.now()): DeviceSummary[] {
  const cutoff = (ms: number) => new Date(now - ms).toISOString();
  const rows = db
    .prepare(
      `SELECT d.id, d.name, d.platform, d.app_version AS appVersion, s.kind, p.name AS lastProfile,
              d.last_active_at AS lastActiveAt, d.location
         FROM devices d
         JOIN sessions s ON s.device_id = d.id AND s.revoked_at IS NULL
         LEFT JOIN profiles p ON p.id = d.last_profile_id
        WHERE d.account_id = ?
          AND CASE s.kind WHEN 'web' THEN s.last_used_at > ? AND s.created_at > ?
                          ELSE s.last_used_at > ? AND s.created_at > ? END
        GROUP BY d.id
        ORDER BY d.last_active_at DESC, d.rowid DESC`,
    )
    .all(
      accountId,
      cutoff(WEB_SESSION_IDLE_MS),
      cutoff(WEB_SESSION_ABSOLUTE_MS),
      cutoff(DEVICE_SESSION_IDLE_MS),
      cutoff(DEVICE_SESSION_ABSOLUTE_MS),
    ) as DeviceRow[];
  return rows.map((r) => ({ ...r, current: r.id === currentDeviceId }));
}

/**
 * The name a signing-in device gets: its own, unless another live device of the account already
 * goes by it (two installs that drew the same default, two TVs given the same --device-name);
 * then "Otter TV 2", "Otter TV 3"… so the devices list and the phone can tell them apart.
 */
export function distinctDeviceName(db: Database, accountId: string, wanted: string, now = Date.now()): string {
  const name = [...wanted.trim()].slice(0, MAX_DEVICE_NAME).join('') || 'Couchside';
  // One indexed lookup per candidate (devices_by_account_name), so a sign-in costs the same with
  // 10,000 devices on the account.
  const inUse = db.prepare(
    `SELECT 1 FROM devices d JOIN sessions s ON s.device_id = d.id AND s.revoked_at IS NULL
      WHERE d.account_id = ? AND d.name = ? COLLATE NOCASE
        AND CASE s.kind WHEN 'web' THEN s.last_used_at > ? ELSE s.last_used_at > ? END
      LIMIT 1`,
  );
  const webCutoff = new Date(now - WEB_SESSION_IDLE_MS).toISOString();
  const deviceCutoff = new Date(now - DEVICE_SESSION_IDLE_MS).toISOString();
  const taken = (candidate: string) => inUse.get(accountId, candidate, webCutoff, deviceCutoff) !== undefined;
  if (!taken(name)) return name;
  for (let n = 2; n < 1000; n++) {
    const suffix = ` ${n}`;
    const candidate = `${[...name].slice(0, MAX_DEVICE_NAME - suffix.length).join('').trimEnd()}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
  return name;
}

/** The name a rename stores: trimmed, 1-40 characters; throws 400 invalid_request otherwise. */
export function checkDeviceName(name: string): string {
  const checked = checkName('device', name);
  if (!checked.ok) throw new ApiError(400, 'invalid_request', checked.message).about('name');
  return checked.name;
}

/** Renames a device of the account that has a live session; false when there is no such device. */
export function renameDevice(db: Database, accountId: string, deviceId: string, name: string): boolean {
  const result = db
    .prepare(
      `UPDATE devices SET name = ?
        WHERE id = ? AND account_id = ? AND EXISTS (SELECT 1 FROM sessions s WHERE s.device_id = devices.id AND s.revoked_at IS NULL)`,
    )
    .run(name, deviceId, accountId);
  return result.changes > 0;
}

/** Records the profile a device is using now (the caller checked it belongs to the account). */
export function setLastProfile(db: Database, deviceId: string, profileId: string): void {
  db.prepare('UPDATE devices SET last_profile_id = ? WHERE id = ?').run(profileId, deviceId);
}

/** Ids of the account's live devices with this name (case-insensitive), for the control API. */
export function findLiveDevicesByName(db: Database, accountId: string, name: string): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT d.id FROM devices d JOIN sessions s ON s.device_id = d.id AND s.revoked_at IS NULL
        WHERE d.account_id = ? AND d.name = ? COLLATE NOCASE`,
    )
    .all(accountId, name.trim()) as { id: string }[];
  return rows.map((r) => r.id);
}

/** The account that owns a device, if the device exists. */
export function deviceAccountId(db: Database, deviceId: string): string | undefined {
  return (db.prepare('SELECT account_id AS accountId FROM devices WHERE id = ?').get(deviceId) as { accountId: string } | undefined)?.accountId;
}

/** Device names and last profiles by device id (for the control API's stream list). */
export function deviceLabels(db: Database, deviceIds: readonly string[]): Map<string, { deviceName: string; lastProfile: string | null }> {
  const out = new Map<string, { deviceName: string; lastProfile: string | null }>();
  const get = db.prepare(
    'SELECT d.name AS deviceName, p.name AS lastProfile FROM devices d LEFT JOIN profiles p ON p.id = d.last_profile_id WHERE d.id = ?',
  );
  for (const id of new Set(deviceIds)) {
    const row = get.get(id) as { deviceName: string; lastProfile: string | null } | undefined;
    if (row) out.set(id, row);
  }
  return out;
}

/** A device's name, only if it belongs to the account (live or not), for confirmation messages. */
export function deviceName(db: Database, accountId: string, deviceId: string): string | undefined {
  return (db.prepare('SELECT name FROM devices WHERE id = ? AND account_id = ?').get(deviceId, accountId) as { name: string } | undefined)?.name;
}
