/** A small typed client for the mock service's control API (tests and demos drive the service with it). */
import { CONTROL } from '../../shared/api';

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

/** Which device to sign out: by id, or by the account's email and the device's name. */
export type DeviceSelector = { deviceId: string } | { email: string; deviceName: string };

/** The outage modes: 'down' answers 503 and drops streams (1001), 'slow' holds every answer back. */
export type OutageMode = 'down' | 'slow' | 'normal';

/** How long an outage lasts and, for 'slow', how slow. */
export interface OutageOptions {
  /** How long it lasts (default 30000, max 600000). */
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
  streamsClosed: number;
}

/** One account to seed. */
export interface SeedAccount {
  email: string;
  password: string;
  plan?: string;
  profiles?: { name: string; avatar?: string; kids?: boolean }[];
}

/** Which accounts a seed call created and which already existed. */
export interface SeedResult {
  /** Emails (normalized) of the accounts created now. */
  created: string[];
  /** Emails that already existed and were left untouched. */
  existing: string[];
}

/** Talks to a mock service started with --control. */
export class ControlClient {
  constructor(readonly baseUrl: string) {}

  /** Wipes everything and reseeds the demo household. */
  async reset(): Promise<void> {
    await this.post(CONTROL.reset, {});
  }
  /** Signs the account out of all devices, as the account page would. */
  async revokeAll(email: string): Promise<void> {
    await this.post(CONTROL.revokeAll, { email });
  }
  /** Signs one device out (reason 'device-removed'); throws if no signed-in device matches. Returns how many sessions ended. */
  async revokeDevice(which: DeviceSelector): Promise<number> {
    return ((await this.post(CONTROL.revokeDevice, which)) as { revoked: number }).revoked;
  }
  /** Plays an outage ('down' or 'slow') for a while, or ends it ('normal'). */
  async outage(mode: OutageMode, opts: OutageOptions = {}): Promise<OutageState> {
    return (await this.post(CONTROL.outage, { mode, ...opts })) as OutageState;
  }
  /** Creates the accounts that do not exist yet (existing ones are left untouched). */
  async seed(accounts: SeedAccount[]): Promise<SeedResult> {
    return (await this.post(CONTROL.seed, { accounts })) as SeedResult;
  }
  /** Creates a named account with the default profiles. */
  async createAccount(email: string, password: string): Promise<void> {
    await this.post(CONTROL.accounts, { email, password });
  }
  /** The device streams the service holds open right now. */
  async streams(): Promise<OpenStream[]> {
    const res = await fetch(this.baseUrl + CONTROL.streams);
    if (!res.ok) throw new Error(`GET ${CONTROL.streams}: HTTP ${res.status}`);
    return ((await res.json()) as { streams: OpenStream[] }).streams;
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}
