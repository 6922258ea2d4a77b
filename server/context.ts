/** The services every route module receives from createServer. */
import type { Database } from './db';
import type { DeviceCodeSettings } from './device-codes';
import type { Playback } from './media/playback';
import type { Outage } from './outage';
import type { Revoker } from './revocation';
import type { StreamHub } from './streams';

/** Shared state of one server instance. */
export interface ServerContext {
  db: Database;
  hub: StreamHub;
  revoker: Revoker;
  /** The outage the control API is playing (normal unless told otherwise). */
  outage: Outage;
  /** Lifetime of new access tokens. */
  accessTtlMs: number;
  /** Sign in with a code: code lifetime, polling interval, and the clock codes are judged by. */
  deviceCodes: DeviceCodeSettings;
  /** Streaming: media library, playback tokens, the testers' network knobs. */
  playback: Playback;
}
