/** The mock streaming service's HTTP and stream contract, shared by server/ and electron/core/. */
import type { AccountSummary, CatalogRow, Profile, SignOutReason, Title } from './types';

/** Paths of the HTTP API. Only this module spells them. */
export const API = {
  health: '/healthz',
  signIn: '/v1/auth/sign-in',
  signOut: '/v1/auth/sign-out',
  signOutAll: '/v1/auth/sign-out-all',
  session: '/v1/session',
  profiles: '/v1/profiles',
  home: '/v1/catalog/home',
  stream: '/v1/stream',
} as const;

/** Paths of the control API (tests and demos; only when the server runs with --control). */
export const CONTROL = {
  reset: '/control/reset',
  revokeAll: '/control/revoke-all',
  streams: '/control/streams',
  accounts: '/control/accounts',
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

export interface SignInResponse {
  token: string;
  deviceId: string;
  account: AccountSummary;
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
  | { type: 'hello'; deviceId: string }
  | { type: 'revoked'; reason: SignOutReason };

/** WebSocket close codes the device stream uses. */
export const STREAM_CLOSE = {
  /** The session was revoked; do not reconnect. */
  revoked: 4001,
  /** The server is shutting down or unavailable; reconnect with backoff. */
  goingAway: 1001,
} as const;
