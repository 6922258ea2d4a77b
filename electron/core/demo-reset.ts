/**
 * The kiosk's demo reset: after the idle time, the demo household on the service is reset (the
 * control API, so the service must run with --control) and this device signs back in to it, so
 * every visitor starts fresh.
 */
import type { Result } from '../../shared/bridge';
import { ApiError, type ApiClient } from './api-client';
import type { KioskController } from './kiosk';
import type { Logger } from './log';
import { toBridgeError, type SessionManager } from './session-manager';

/** The account the demo signs back in to. */
export interface DemoCredentials {
  email: string;
  password: string;
}

/** The mock service's seeded demo account. */
export const DEFAULT_DEMO_CREDENTIALS: DemoCredentials = { email: 'demo@couchside.test', password: 'couchside-demo' };

/** COUCHSIDE_DEMO_EMAIL / COUCHSIDE_DEMO_PASSWORD, else the seeded demo account. */
export function demoCredentialsFromEnv(env: Record<string, string | undefined>): DemoCredentials {
  return {
    email: env.COUCHSIDE_DEMO_EMAIL || DEFAULT_DEMO_CREDENTIALS.email,
    password: env.COUCHSIDE_DEMO_PASSWORD || DEFAULT_DEMO_CREDENTIALS.password,
  };
}

/** The words a user (or the operator reading the log) gets when a demo reset cannot run. */
export const DEMO_MESSAGES = {
  off: 'Demo mode is off, so there is nothing to reset.',
  needsControl: 'Demo reset needs the Couchside service to run with --control (npm start -- --control, or COUCHSIDE_CONTROL=1).',
} as const;

export interface DemoResetOptions {
  api: ApiClient;
  session: SessionManager;
  kiosk: KioskController;
  credentials: DemoCredentials;
  log: Logger;
}

/** Runs demo resets, one at a time (a second call while one runs gets the same answer). */
export class DemoReset {
  private running: Promise<Result<null>> | null = null;

  constructor(private readonly opts: DemoResetOptions) {}

  /** Resets the demo household and signs back in; `invalid_input` unless demo mode is on. */
  run(): Promise<Result<null>> {
    if (!this.opts.kiosk.getState().demoMode) return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: DEMO_MESSAGES.off } });
    this.running ??= this.reset().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async reset(): Promise<Result<null>> {
    const { api, session, credentials, log } = this.opts;
    const r = await session.startOver(
      async () => {
        try {
          await api.controlReset();
          return { ok: true, value: null };
        } catch (err) {
          if (err instanceof ApiError && err.status === 404) return { ok: false, error: { code: 'failed', message: DEMO_MESSAGES.needsControl } };
          return { ok: false, error: toBridgeError(err) };
        }
      },
      credentials.email,
      credentials.password,
    );
    if (r.ok) log.info('demo reset: household reset and signed back in', { email: credentials.email });
    else log.warn('demo reset failed', { code: r.error.code, message: r.error.message });
    return r.ok ? { ok: true, value: null } : r;
  }
}
