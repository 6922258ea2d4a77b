/**
 * Keeps the device event stream open and turns what it hears into three callbacks: revoked,
 * online, offline. A reconnect re-authenticates on the upgrade, so a device that missed the push
 * learns of the revocation (with its reason) from the 401 on its first contact.
 */
import WebSocket from 'ws';
import { STREAM_CLOSE, type StreamMessage } from '../../shared/api';
import type { ApiErrorBody, SignOutReason } from '../../shared/types';
import { backoffDelay, type BackoffOptions } from './backoff';

/** The longest wait between two tries to reopen the device stream while the service is out of reach. */
export const STREAM_RETRY_CAP_MS = 10_000;
import type { Logger } from './log';

export interface WatcherEvents {
  /** The current access token for the upgrade request. */
  getToken(): Promise<string>;
  /** The access token expired: refresh it (resolves true if the watcher should reconnect now). */
  refresh(): Promise<boolean>;
  onRevoked(reason: SignOutReason): void;
  onOnline(): void;
  onOffline(): void;
  onDevicesChanged(): void;
  /** A profile's Continue Watching or My List changed on another device. */
  onLibraryChanged(profileId: string): void;
}

/** How long a stopped stream's socket lingers before this side tears it down. */
const HANG_UP_AFTER_MS = 2000;

export interface WatcherOptions {
  backoff?: BackoffOptions;
  handshakeTimeoutMs?: number;
}

/** One device's stream. start() once; stop() when the session ends. */
export class RevocationWatcher {
  private ws: WebSocket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  /** Times a newer stream of this session replaced ours: each wait before reconnecting is longer. */
  private replaced = 0;
  private attempts = 0;
  private stopped = false;
  private online = false;

  constructor(
    private readonly url: string,
    private readonly events: WatcherEvents,
    private readonly log: Logger,
    private readonly opts: WatcherOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.online = false;
    const ws = this.detach();
    // Hang up a moment later, not now: when a whole household is signed out at once, the
    // revocation reaches every device first and the sockets are torn down after (the service
    // also closes revoked streams itself after a second).
    if (ws) setTimeout(() => ws.terminate(), HANG_UP_AFTER_MS).unref?.();
  }

  /** Drops the current connection and reconnects now (network change, resume from sleep). */
  reconnectNow(): void {
    if (this.stopped) return;
    this.detach()?.terminate();
    this.connect();
  }

  /** Cancels any pending retry and unhooks the current socket (the caller decides how to end it). */
  private detach(): WebSocket | null {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ws = this.ws;
    this.ws = null;
    if (!ws) return null;
    ws.removeAllListeners();
    ws.on('error', () => {});
    return ws;
  }

  get isConnected(): boolean {
    return this.online;
  }

  private connect(): void {
    if (this.stopped) return;
    const attempt = ++this.attempts;
    this.events.getToken().then(
      (token) => {
        if (!this.stopped && attempt === this.attempts) this.open(token);
      },
      () => {
        if (!this.stopped && attempt === this.attempts) this.fail();
      },
    );
  }

  private open(token: string): void {
    const ws = new WebSocket(this.url, {
      headers: { authorization: `Bearer ${token}` },
      handshakeTimeout: this.opts.handshakeTimeoutMs ?? 8000,
    });
    this.ws = ws;
    let settled = false;

    ws.on('unexpected-response', (req, res) => {
      settled = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      // Read the whole body before dropping the request: it says why (the reason), and over a
      // real network it may arrive after the status line.
      let ended = false;
      res.on('error', () => req.destroy());
      res.on('close', () => {
        // Cut off mid-answer: we don't know why, so just try again later.
        if (ended || this.ws !== ws || this.stopped) return;
        this.ws = null;
        this.fail();
      });
      res.on('end', () => {
        ended = true;
        req.destroy();
        if (this.ws !== ws || this.stopped) return;
        this.ws = null;
        if (res.statusCode === 401) {
          let error: ApiErrorBody['error'] | undefined;
          try {
            error = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as ApiErrorBody).error;
          } catch {
            /* body not JSON: the session is still gone */
          }
          if (error?.code === 'token_expired') {
            this.events.refresh().then(
              (again) => {
                if (again) this.schedule(0);
              },
              () => this.fail(),
            );
            return;
          }
          this.stopped = true;
          this.events.onRevoked(error?.reason ?? 'expired');
        } else {
          this.log.warn('stream refused', { status: res.statusCode });
          this.fail();
        }
      });
    });

    ws.on('message', (data) => {
      let msg: StreamMessage;
      try {
        msg = JSON.parse(data.toString()) as StreamMessage;
      } catch {
        this.log.warn('ignoring a malformed stream message');
        return;
      }
      if (msg.type === 'hello') {
        this.failures = 0;
        if (!this.online) {
          this.online = true;
          this.events.onOnline();
        }
      } else if (msg.type === 'revoked') {
        // The wipe first: the session manager stops this watcher as part of it (then the stop
        // here finds nothing left to do). Nothing reconnects meanwhile: stopped is already set.
        this.stopped = true;
        try {
          this.events.onRevoked(msg.reason);
        } finally {
          this.stop();
        }
      } else if (msg.type === 'devices-changed') {
        this.events.onDevicesChanged();
      } else if (msg.type === 'library-changed' && typeof msg.profileId === 'string') {
        this.events.onLibraryChanged(msg.profileId);
      }
    });

    ws.on('error', (err) => {
      if (this.ws === ws) this.log.info('stream error', { error: err.message });
    });

    ws.on('close', (code) => {
      if (this.ws !== ws || this.stopped || settled) return;
      this.ws = null;
      const wasOnline = this.online;
      if (code === STREAM_CLOSE.replaced) {
        // Another stream of this same session took this one's place (a second copy of the app on
        // one session). Not a sign-out and not an outage: try again later, never in a tight loop.
        this.replaced += 1;
        this.log.warn('stream replaced by a newer one of this session; reconnecting later', { attempt: this.replaced });
        this.schedule(backoffDelay(this.replaced, { baseMs: 5_000, capMs: 120_000 }));
        return;
      }
      if (code === STREAM_CLOSE.revoked || wasOnline) {
        // An established stream dropped (or the server closed it as revoked without a message we
        // could read): reconnect at once; the upgrade tells us whether the session is still live.
        this.online = false;
        this.failures = 0;
        this.schedule(0);
        return;
      }
      this.fail();
    });
  }

  private fail(): void {
    this.failures += 1;
    if (this.online || this.failures === 1) {
      this.online = false;
      this.events.onOffline();
    }
    // Capped at STREAM_RETRY_CAP_MS: back on the network, a TV hears what it missed (a sign-out
    // of all devices, say) within that long, however long it was cut off.
    this.schedule(backoffDelay(this.failures, { capMs: STREAM_RETRY_CAP_MS, ...this.opts.backoff }));
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, ms);
    this.timer.unref?.();
  }
}
