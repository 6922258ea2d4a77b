/**
 * A small typed client for the mock service's control API (POST/GET /control/*, only when the
 * service runs with `control: true` / `--control`, and only on loopback). Tests and demos drive
 * the service with it: sign an account out of all devices or one device, play an outage, seed
 * named accounts, reset everything, list the open device streams.
 *
 *   const control = new ControlClient('http://127.0.0.1:4700');
 *   await control.revokeAll('demo@couchside.test');
 *
 * In a Playwright test the kit's `service` fixture hands you one: `service.control`.
 */
import { CONTROL, CONTROL_HEADERS, type ActiveStream, type PendingDeviceCode, type PlaybackNetworkRequest, type PlaybackNetworkState } from '../../shared/api';
import type { MaturityLevel } from '../../shared/maturity';

export type { PendingDeviceCode, PlaybackNetworkRequest, PlaybackNetworkState };

/** One open device stream, as GET /control/streams lists it. */
export interface OpenStream {
  accountEmail: string;
  deviceId: string;
  sessionId: string;
  connectedAt: string;
  /** The device's current name (null if the device row is gone). */
  deviceName: string | null;
  /** The profile last reported by the device, if any. */
  lastProfile: string | null;
}

/** Which device to sign out: by id, or by the account's email and the device's name (case-insensitive). */
export type DeviceSelector = { deviceId: string } | { email: string; deviceName: string };

/** The outage modes: 'down' answers 503 and drops streams (1001), 'slow' holds every answer back, 'normal' ends either. */
export type OutageMode = 'down' | 'slow' | 'normal';

/** How long an outage lasts and, for 'slow', how slow. */
export interface OutageOptions {
  /** How long it lasts (default 30000, max 600000); it ends by itself afterwards. */
  forMs?: number;
  /** For 'slow': the hold-back per response (default 2000, max 30000). */
  delayMs?: number;
}

/** What the service plays after an outage call. */
export interface OutageState {
  mode: OutageMode;
  delayMs: number;
  /** When it ends by itself (ISO), null in normal mode. */
  until: string | null;
  /** How many device streams 'down' closed (0 for the other modes). */
  streamsClosed: number;
}

/** One profile of a seeded account. */
export interface SeedProfile {
  name: string;
  /** An avatar key (e.g. 'fox', 'owl', 'bear', 'rocket'); default 'fox'. */
  avatar?: string;
  /**
   * Which titles it may see and play, enforced by the service: 'kids', 'older-kids', 'teens' or
   * 'all' (shared/maturity.ts). Default: from `kids`, else 'all'.
   */
  maturity?: MaturityLevel;
  /** A Kids profile (the same as maturity 'kids'). */
  kids?: boolean;
  /** A profile lock from the start: its 4-digit PIN (picking the profile asks for it). */
  pin?: string;
}

/**
 * One account to seed. Without `profiles` it gets two: one named after the email's local part
 * (ana@… → "Ana") and "Kids".
 */
export interface SeedAccount {
  email: string;
  password: string;
  plan?: string;
  /** 1 to 5 profiles. */
  profiles?: SeedProfile[];
}

/** Which accounts a seed call created and which already existed. */
export interface SeedResult {
  /** Emails (normalized) of the accounts created now. */
  created: string[];
  /** Emails that already existed and were left untouched. */
  existing: string[];
}

/** What a "sign out of all devices" did. */
export interface RevokeAllResult {
  /** How many sessions ended. */
  revoked: number;
  /** How many of the account's device streams were open (each was told "revoked"). */
  streamsClosed: number;
}

/** A control call the service refused (its HTTP status and body), e.g. 404 for an unknown account or device. */
export class ControlError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path}: HTTP ${status} ${body}`);
    this.name = 'ControlError';
  }
}

/** Talks to a mock service started with the control API on. Every call throws a ControlError unless the service says 2xx. */
export class ControlClient {
  /** @param baseUrl the service's base URL, e.g. `service.url` (http://127.0.0.1:PORT). */
  constructor(readonly baseUrl: string) {}

  /** Wipes everything, reseeds the demo household and ends any outage; every open stream is told "expired". Returns how many streams that closed. */
  async reset(): Promise<number> {
    return ((await this.post(CONTROL.reset, {})) as { streamsClosed: number }).streamsClosed;
  }

  /** Signs the account out of all devices, exactly as the account page's "Sign out of all devices" does (notice: "You were signed out of all devices."). Throws (404) for an unknown email. */
  async revokeAll(email: string): Promise<RevokeAllResult> {
    return (await this.post(CONTROL.revokeAll, { email })) as RevokeAllResult;
  }

  /**
   * Signs one device out, as "Sign out <device>" on another device does (reason 'device-removed',
   * notice: "This device was signed out from another device."). Throws (404) if no signed-in
   * device matches. Returns how many sessions ended. Find a device's id with `streams()`.
   */
  async revokeDevice(which: DeviceSelector): Promise<number> {
    return ((await this.post(CONTROL.revokeDevice, which)) as { revoked: number }).revoked;
  }

  /**
   * Takes the service down ('down': every non-control request answers 503 and open device streams
   * are dropped) or makes it slow ('slow') for `forMs`, or ends the outage now ('normal').
   * Control calls keep working throughout.
   */
  async outage(mode: OutageMode, opts: OutageOptions = {}): Promise<OutageState> {
    return (await this.post(CONTROL.outage, { mode, ...opts })) as OutageState;
  }

  /** Creates the named accounts that do not exist yet (existing ones are left untouched). */
  async seed(accounts: SeedAccount[]): Promise<SeedResult> {
    return (await this.post(CONTROL.seed, { accounts })) as SeedResult;
  }

  /** Creates one named account (default profiles unless given); throws (409) if it exists. */
  async createAccount(email: string, password: string, extra: Pick<SeedAccount, 'plan' | 'profiles'> = {}): Promise<void> {
    await this.post(CONTROL.accounts, { email, password, ...extra });
  }

  /** The device streams the service holds open right now (one per signed-in, connected app). */
  async streams(): Promise<OpenStream[]> {
    const res = await fetch(this.baseUrl + CONTROL.streams, { headers: CONTROL_HEADERS });
    if (!res.ok) throw new ControlError('GET', CONTROL.streams, res.status, await res.text());
    return ((await res.json()) as { streams: OpenStream[] }).streams;
  }

  /** Sign-in codes waiting for approval ("ABCD-EFGH", the device's name, when it expires), oldest first. */
  async deviceCodes(): Promise<PendingDeviceCode[]> {
    const res = await fetch(this.baseUrl + CONTROL.deviceCodes, { headers: CONTROL_HEADERS });
    if (!res.ok) throw new ControlError('GET', CONTROL.deviceCodes, res.status, await res.text());
    return (await res.json()) as PendingDeviceCode[];
  }

  /**
   * Approves a sign-in code for the account, as "Sign in" on the account page's activation page
   * does: the TV signs in on its next poll. Throws (404) for an unknown code or email, (409) for an
   * expired or already used code. Returns the device's name.
   */
  async approveDeviceCode(userCode: string, email: string): Promise<{ deviceName: string }> {
    const { deviceName } = (await this.post(CONTROL.approveDeviceCode, { userCode, email })) as { deviceName: string };
    return { deviceName };
  }

  /**
   * Lifts (false) or restores (true) the service's limits on password guessing (per account and
   * per address) and on sign-in code entry: for a test or demo that signs in many times in a row.
   */
  async setRateLimits(enabled: boolean): Promise<void> {
    await this.post(CONTROL.rateLimits, { enabled });
  }

  /** Makes a sign-in code expire now: the TV asks for a new code by itself on its next poll. Throws (404) for an unknown code. */
  async expireDeviceCode(userCode: string): Promise<void> {
    await this.post(CONTROL.expireDeviceCode, { userCode });
  }

  /**
   * Sets the account's plan ('basic' 1 screen, 'standard' 2, 'premium' 4; shared/plans.ts): how
   * many of its devices may stream at once. Throws (400) for another name, (404) for an unknown email.
   */
  async setPlan(email: string, plan: string): Promise<{ plan: string; maxStreams: number }> {
    return (await this.post(CONTROL.plan, { email, plan })) as { plan: string; maxStreams: number };
  }

  /** The account's plan and the devices streaming now (newest first). */
  async plan(email: string): Promise<{ plan: string; maxStreams: number; streams: ActiveStream[] }> {
    const res = await fetch(`${this.baseUrl}${CONTROL.plan}?email=${encodeURIComponent(email)}`, { headers: CONTROL_HEADERS });
    if (!res.ok) throw new ControlError('GET', CONTROL.plan, res.status, await res.text());
    return (await res.json()) as { plan: string; maxStreams: number; streams: ActiveStream[] };
  }

  /**
   * The testers' network for media segments, for one device (`deviceId`, from `streams()`) or every
   * device: a bandwidth cap (`bandwidthKbps`), a hold-back per segment (`latencyMs`), or 503s
   * (`failSegments`), for `forMs` (default 60000). Each call replaces that target's setting;
   * a call with no knob (`{ deviceId }`) lifts it. Playlists, init segments and subtitles are not affected.
   */
  async playbackNetwork(condition: PlaybackNetworkRequest): Promise<PlaybackNetworkState> {
    return (await this.post(CONTROL.playbackNetwork, condition)) as PlaybackNetworkState;
  }

  /** The playback network conditions in force now. */
  async playbackNetworkState(): Promise<PlaybackNetworkState[]> {
    const res = await fetch(this.baseUrl + CONTROL.playbackNetwork, { headers: CONTROL_HEADERS });
    const text = await res.text();
    if (!res.ok) throw new ControlError('GET', CONTROL.playbackNetwork, res.status, text);
    return (JSON.parse(text) as { conditions: PlaybackNetworkState[] }).conditions;
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...CONTROL_HEADERS },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new ControlError('POST', path, res.status, text);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}
