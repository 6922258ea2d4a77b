/**
 * The network a tester plays for media segments (control API, CONTROL.playbackNetwork): per
 * device, or for every device, a bandwidth cap, a latency per segment request, or segment
 * requests failing with 503, each for a while. A device's segments share one paced link, so
 * its video and audio requests together stay under its cap, as on a real connection.
 */
import { Readable } from 'node:stream';
import type { PlaybackNetworkState } from '../../shared/api';

/** Limits of the control call (also its schema's). */
export const NETWORK_LIMITS = {
  minKbps: 8,
  maxKbps: 1_000_000,
  maxLatencyMs: 30_000,
  defaultForMs: 60_000,
  maxForMs: 60 * 60 * 1000,
} as const;

/** The knobs of one condition. */
export interface NetworkKnobs {
  bandwidthKbps?: number;
  latencyMs?: number;
  failSegments?: boolean;
}

interface Condition {
  bandwidthKbps: number | null;
  latencyMs: number;
  failSegments: boolean;
  untilMs: number;
}

/** The key of the every-device condition. */
const ALL = '*';

/** Pacing granularity: each chunk is about this many ms of the capped rate. */
const CHUNK_MS = 50;

/** The conditions in force and each device's link. One per service. */
export class PlaybackNetwork {
  private readonly conditions = new Map<string, Condition>();
  /** When each device's link is free again (ms since the epoch). */
  private readonly busyUntil = new Map<string, number>();
  /** Deliveries under way (ended when the service closes, however slow the cap). */
  private readonly open = new Set<Readable>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Sets (or, with no knob, clears) the condition for a device, or for every device (null), for `forMs`. */
  set(deviceId: string | null, knobs: NetworkKnobs, forMs: number = NETWORK_LIMITS.defaultForMs): PlaybackNetworkState {
    const key = deviceId ?? ALL;
    const condition: Condition = {
      bandwidthKbps: knobs.bandwidthKbps ?? null,
      latencyMs: knobs.latencyMs ?? 0,
      failSegments: knobs.failSegments ?? false,
      untilMs: this.now() + forMs,
    };
    if (condition.bandwidthKbps === null && condition.latencyMs === 0 && !condition.failSegments) this.conditions.delete(key);
    else this.conditions.set(key, condition);
    return this.state(key);
  }

  /** Ends every condition (a control reset). */
  clear(): void {
    this.conditions.clear();
    this.busyUntil.clear();
  }

  /** The condition a device's segment requests meet now: its own, else the every-device one. */
  for(deviceId: string): Readonly<Condition> | undefined {
    return this.live(deviceId) ?? this.live(ALL);
  }

  /** Every condition in force. */
  list(): PlaybackNetworkState[] {
    return [...this.conditions.keys()].filter((key) => this.live(key)).map((key) => this.state(key));
  }

  /**
   * `body` delivered at the device's cap, in chunks on its shared link (a cap lifted mid-way lets
   * the rest through at once). Destroying the stream (the client went away) stops it.
   */
  paced(deviceId: string, body: Buffer): Readable {
    let offset = 0;
    let timer: NodeJS.Timeout | undefined;
    const cap = () => this.for(deviceId)?.bandwidthKbps ?? null;
    const wait = (bytes: number): number => {
      const kbps = cap();
      if (!kbps) return 0;
      const now = this.now();
      // kbit/s is bits per ms: the chunk occupies the link bytes*8/kbps ms after it is free.
      const start = Math.max(now, this.busyUntil.get(deviceId) ?? 0);
      const end = start + (bytes * 8) / kbps;
      this.busyUntil.set(deviceId, end);
      return end - now;
    };
    const stream = new Readable({
      read() {
        if (timer) return;
        if (offset >= body.length) {
          this.push(null);
          return;
        }
        const kbps = cap() ?? NETWORK_LIMITS.maxKbps;
        const size = Math.min(body.length - offset, Math.max(1024, Math.floor((kbps * CHUNK_MS) / 8)));
        timer = setTimeout(() => {
          timer = undefined;
          const piece = body.subarray(offset, offset + size);
          offset += size;
          this.push(piece);
          if (offset >= body.length) this.push(null);
        }, wait(size));
      },
      destroy(err, callback) {
        if (timer) clearTimeout(timer);
        callback(err);
      },
    });
    this.open.add(stream);
    stream.once('close', () => this.open.delete(stream));
    return stream;
  }

  /** Ends every delivery under way (the service is closing). */
  close(): void {
    for (const stream of this.open) stream.destroy();
    this.open.clear();
  }

  private live(key: string): Condition | undefined {
    const c = this.conditions.get(key);
    if (c && c.untilMs <= this.now()) {
      this.conditions.delete(key);
      return undefined;
    }
    return c;
  }

  private state(key: string): PlaybackNetworkState {
    const c = this.live(key);
    return {
      deviceId: key === ALL ? null : key,
      bandwidthKbps: c?.bandwidthKbps ?? null,
      latencyMs: c?.latencyMs ?? 0,
      failSegments: c?.failSegments ?? false,
      until: c ? new Date(c.untilMs).toISOString() : null,
    };
  }
}
