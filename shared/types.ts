/** Domain types shared by the server, the client core and the renderer. No electron, no node:* here. */

/** A viewer profile on an account ("Who's watching?"). */
export interface Profile {
  id: string;
  name: string;
  /** Avatar key: the renderer draws it, no network images. */
  avatar: string;
  kids: boolean;
  /** A profile lock (4-digit PIN) is set: picking it asks for the PIN first. */
  locked: boolean;
}

/** One title in the mock catalog. Poster art is generated from `hue` and the title. */
export interface Title {
  id: string;
  title: string;
  year: number;
  genre: string;
  /** Maturity rating such as "TV-Y", "PG-13", "TV-MA". */
  rating: string;
  runtimeMinutes: number;
  synopsis: string;
  kids: boolean;
  /** 0-359, drives the generated poster gradient. */
  hue: number;
}

/** A row on the home screen. */
export interface CatalogRow {
  id: string;
  title: string;
  items: Title[];
}

/** What the account looks like to a signed-in client (no secrets). */
export interface AccountSummary {
  email: string;
  plan: string;
  memberSince: string;
}

/**
 * Why a session ended. Every sign-in screen notice is keyed by one of these, whatever route the
 * client learnt it by (push, 401, reconnect).
 */
export type SignOutReason =
  /** The user pressed "Sign out" on this device. */
  | 'user'
  /** "Sign out of all devices" from anywhere. */
  | 'all-devices'
  /** This one device was signed out from another device or the account page. */
  | 'device-removed'
  /** The account password was changed with "sign out all devices" ticked. */
  | 'password-changed'
  /** The session is no longer valid for another reason (expired, refresh token reuse, data reset). */
  | 'expired';

/** The notice a user reads on the sign-in screen after a sign-out they did not start here. */
export const SIGN_OUT_MESSAGES: Record<SignOutReason, string> = {
  user: 'You signed out of Couchside on this device.',
  'all-devices': 'You were signed out of all devices.',
  'device-removed': 'This device was signed out from another device.',
  'password-changed': 'The account password was changed. Sign in with the new password.',
  expired: 'Your session expired. Please sign in again.',
};

/** Codes the API uses in its JSON error bodies. */
export type ApiErrorCode =
  | 'invalid_request'
  | 'unknown_email'
  | 'wrong_password'
  | 'unauthorized'
  /** The access token is past its expiry: refresh and retry. */
  | 'token_expired'
  | 'session_revoked'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  /** Wrong current password on a password change. */
  | 'wrong_current_password'
  /** Wrong profile PIN (the message says how many tries are left). */
  | 'wrong_pin'
  /** Too many wrong profile PINs: wait `retryAfterSeconds`. */
  | 'pin_locked_out'
  /** The profile is locked and this session has not unlocked it (or the unlock expired). */
  | 'profile_locked'
  | 'unavailable'
  | 'internal';

/** The body of every 4xx/5xx answer from the API. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    /** Set with `session_revoked`: why the session ended. */
    reason?: SignOutReason;
    /** With `pin_locked_out`: seconds until the next try is allowed. */
    retryAfterSeconds?: number;
  };
}
