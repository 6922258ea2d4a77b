/**
 * The one rule for the names people give profiles and devices, used by every tier (renderer,
 * main process / web host, service), with one message per refusal: spaces around it trimmed and
 * runs of spaces made one; 1 to `max` characters counted as people count them (code points, so
 * an emoji is one); no control characters and no bidirectional controls, which could make a
 * device name read differently from what it is (on /activate, "Sign in … on <name>?").
 */
import { MAX_DEVICE_NAME } from './api';
import { MAX_PROFILE_NAME } from './types';

export type NameKind = 'profile' | 'device';

/** A name as it will be stored, or the one message that says what is wrong. */
export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

const LIMITS: Record<NameKind, number> = { profile: MAX_PROFILE_NAME, device: MAX_DEVICE_NAME };

/** Control characters (C0, DEL, C1) and the bidirectional embeddings, overrides, isolates and marks. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** The messages, one per refusal, shared by every tier. */
export const NAME_MESSAGES = {
  empty: (kind: NameKind) => (kind === 'profile' ? 'Enter a name for the profile.' : 'Enter a name for the device.'),
  tooLong: (kind: NameKind, length: number) =>
    `${kind === 'profile' ? 'Profile' : 'Device'} names can be at most ${LIMITS[kind]} characters (this one has ${length}).`,
  forbidden: (kind: NameKind) => `${kind === 'profile' ? 'Profile' : 'Device'} names can only use letters, numbers, spaces and punctuation.`,
};

/** Checks a typed name against the rule; returns the name to store, or why it cannot be. */
export function checkName(kind: NameKind, raw: unknown): NameCheck {
  if (typeof raw !== 'string') return { ok: false, message: NAME_MESSAGES.empty(kind) };
  if (FORBIDDEN.test(raw)) return { ok: false, message: NAME_MESSAGES.forbidden(kind) };
  const name = raw.trim().replace(/\s+/gu, ' ');
  if (name === '') return { ok: false, message: NAME_MESSAGES.empty(kind) };
  const length = [...name].length;
  if (length > LIMITS[kind]) return { ok: false, message: NAME_MESSAGES.tooLong(kind, length) };
  return { ok: true, name };
}
