/** The mock streaming service's HTTP and stream contract, shared by server/ and electron/core/. */
import type { AccountSummary, CatalogRow, Profile, SignOutReason, Title } from './types';

/** Paths of the HTTP API. Only this module spells them. */
export const API = {
  health: '/healthz',
  signIn: '/v1/auth/sign-in',
  signOut: '/v1/auth/sign-out',
  signOutAll: '/v1/auth/sign-out-all',
  refresh: '/v1/auth/refresh',
  session: '/v1/session',
  /** GET: the account's signed-in devices. */
  devices: '/v1/devices',
  /** PATCH {name}: rename; DELETE: sign that device out remotely (reason 'device-removed'). */
  device: (id: string) => `/v1/devices/${encodeURIComponent(id)}`,
  /** POST {profileId}: the profile this device is using now (shown in the devices list). */
  currentProfile: '/v1/devices/current/profile',
  /** POST ChangePasswordRequest. */
  password: '/v1/account/password',
  profiles: '/v1/profiles',
  /** PUT SetProfilePinRequest: set, change or remove (pin: null) a profile's lock. */
  profilePin: (id: string) => `/v1/profiles/${encodeURIComponent(id)}/pin`,
  /** POST UnlockProfileRequest: opens a locked profile for this session (204), limited tries. */
  profileUnlock: (id: string) => `/v1/profiles/${encodeURIComponent(id)}/unlock`,
  home: '/v1/catalog/home',
  stream: '/v1/stream',
} as const;

/** Paths of the control API (tests and demos; only when the server runs with --control). */
export const CONTROL = {
  reset: '/control/reset',
  revokeAll: '/control/revoke-all',
  streams: '/control/streams',
  accounts: '/control/accounts',
  /** POST {deviceId} (or {email, deviceName}): sign one device out, reason 'device-removed'. */
  revokeDevice: '/control/revoke-device',
  /** POST {mode: 'down' | 'slow' | 'normal', forMs?, delayMs?}: an outage or slowness for a while. */
  outage: '/control/outage',
  /** POST {accounts: [{email, password, plan?, profiles?}]}: seed named accounts (existing ones kept). */
  seed: '/control/seed',
} as const;

/** The device a client says it is when it signs in. */
export interface DeviceInfo {
  name: string;
  platform: string;
  appVersion: string;
}

export interface SignInRequest {
  email: string;
  password: string;
  device: DeviceInfo;
}

/**
 * A session family's current tokens. The access token is short-lived; the refresh token rotates
 * on every use, and presenting an already-used refresh token revokes the whole family (RFC 9700).
 */
export interface TokenSet {
  accessToken: string;
  /** ISO time after which the access token is refused with 401 `token_expired`. */
  accessExpiresAt: string;
  refreshToken: string;
}

export interface SignInResponse extends TokenSet {
  deviceId: string;
  account: AccountSummary;
}

export interface RefreshRequest {
  refreshToken: string;
}

export type RefreshResponse = TokenSet;

/** One signed-in device (or browser) of the account. */
export interface DeviceSummary {
  id: string;
  name: string;
  platform: string;
  appVersion: string;
  /** 'device' for apps, 'web' for the account page in a browser. */
  kind: 'device' | 'web';
  /** Name of the profile last used on it, if any. */
  lastProfile: string | null;
  lastActiveAt: string;
  /** Approximate location from the IP address, e.g. "This computer", "Home network", "Unknown". */
  location: string;
  /** True for the device making the request. */
  current: boolean;
}

export interface DevicesResponse {
  devices: DeviceSummary[];
}

/** The longest device name the service accepts (after trimming); the app checks it before asking. */
export const MAX_DEVICE_NAME = 40;

export interface RenameDeviceRequest {
  name: string;
}

/** Setting a profile lock needs the account password again (like Netflix). */
export interface SetProfilePinRequest {
  password: string;
  /** Exactly 4 digits, or null to remove the lock. */
  pin: string | null;
}

export interface UnlockProfileRequest {
  pin: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
  /** Sign out every other device too (the account page ticks it by default). */
  signOutAllDevices: boolean;
}

export interface SessionResponse {
  account: AccountSummary;
  deviceId: string;
}

export interface ProfilesResponse {
  profiles: Profile[];
}

export interface HomeResponse {
  hero: Title;
  rows: CatalogRow[];
}

/** Messages the server sends on a device event stream (WebSocket, JSON text frames). */
export type StreamMessage =
  /** Sent on every (re)connect: the session is live, so the client knows at once after a drop. */
  | { type: 'hello'; deviceId: string; sessionLive: true }
  | { type: 'revoked'; reason: SignOutReason }
  /** The devices list changed (rename, sign-in, sign-out elsewhere): refetch it if it is shown. */
  | { type: 'devices-changed' };

/** WebSocket close codes the device stream uses. */
export const STREAM_CLOSE = {
  /** The session was revoked; do not reconnect. */
  revoked: 4001,
  /** The server is shutting down or unavailable; reconnect with backoff. */
  goingAway: 1001,
} as const;
