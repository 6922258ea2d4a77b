/** A small typed client for the mock service's control API (tests and demos drive the service with it). */
import { CONTROL } from '../../shared/api';

export interface OpenStream {
  accountEmail: string;
  deviceId: string;
  sessionId: string;
  connectedAt: string;
}

/** Talks to a mock service started with --control. */
export class ControlClient {
  constructor(readonly baseUrl: string) {}

  /** Wipes everything and reseeds the demo household. */
  reset(): Promise<void> {
    return this.post(CONTROL.reset, {});
  }
  /** Signs the account out of all devices, as the account page would. */
  revokeAll(email: string): Promise<void> {
    return this.post(CONTROL.revokeAll, { email });
  }
  /** Creates a named account with the default profiles. */
  createAccount(email: string, password: string): Promise<void> {
    return this.post(CONTROL.accounts, { email, password });
  }
  /** The device streams the service holds open right now. */
  async streams(): Promise<OpenStream[]> {
    const res = await fetch(this.baseUrl + CONTROL.streams);
    if (!res.ok) throw new Error(`GET ${CONTROL.streams}: HTTP ${res.status}`);
    return ((await res.json()) as { streams: OpenStream[] }).streams;
  }

  private async post(path: string, body: unknown): Promise<void> {
    const res = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${await res.text()}`);
  }
}
