/**
 * The installed app's own mock service: with no --server-url (and no --no-server) the app starts
 * server/service-process.ts in an Electron utilityProcess (data in userData/service, the demo
 * household seeded on first run), waits for it to say where it listens, logs its output, opens it
 * to the local network when Settings → About asks, and stops it when the app quits.
 */
import { app, utilityProcess, type UtilityProcess } from 'electron';
import { join } from 'node:path';
import type { ServiceStatus } from '../../shared/service';
import { parseReply, type ServiceReply, type ServiceRequest } from '../../server/service-protocol';
import type { Logger } from '../core/log';
import { createServiceAccess, type ServiceAccess, type ServiceControl } from '../core/service-access';
import type { KeyValueStore, StoreData } from '../core/store';
import type { AppConfig } from './config';

/** How long the service may take to open its database and listen before the app gives up on it. */
export const READY_TIMEOUT_MS = 20_000;
/** How long a quitting app waits for the service to close its database. */
export const STOP_TIMEOUT_MS = 5_000;

export interface EmbeddedServiceOptions {
  /** The built entry (out/main/service.js next to the main bundle). */
  entry: string;
  /** Folder for couchside.db. */
  dataDir: string;
  /** Open the service to the local network from the start (the stored setting). */
  lan: boolean;
  /** The loopback-only control API, which kiosk demo mode's reset uses. */
  control?: boolean;
  log: Logger;
  readyTimeoutMs?: number;
  stopTimeoutMs?: number;
}

/** The service process as the rest of the main process sees it. */
export class EmbeddedService implements ServiceControl {
  private last: ServiceStatus | null = null;
  private failure: string | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (s: ServiceStatus) => void; reject: (e: Error) => void }>();
  private stopping: Promise<void> | null = null;
  /** Settles when the process has exited. */
  readonly exited: Promise<number>;

  private constructor(
    private readonly child: UtilityProcess,
    private readonly opts: EmbeddedServiceOptions,
  ) {
    this.exited = new Promise((done) => child.once('exit', (code: number) => done(code)));
  }

  /** Forks the service and resolves once it listens, or once it failed (see problem()); never rejects. */
  static async start(opts: EmbeddedServiceOptions): Promise<EmbeddedService> {
    const child = utilityProcess.fork(opts.entry, [], { serviceName: 'Couchside service', stdio: 'pipe' });
    const service = new EmbeddedService(child, opts);
    await service.started();
    return service;
  }

  status(): ServiceStatus | null {
    return this.last;
  }

  problem(): string | null {
    return this.failure;
  }

  setLan(on: boolean): Promise<ServiceStatus> {
    if (!this.last) return Promise.reject(new Error(this.failure ?? 'The Couchside service is not running.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send({ type: 'set-lan', id, on });
    });
  }

  /** Asks the service to close its database and exit; kills it if it has not within the stop timeout. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.child.pid === undefined) return;
      this.send({ type: 'stop' });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<'late'>((done) => (timer = setTimeout(() => done('late'), this.opts.stopTimeoutMs ?? STOP_TIMEOUT_MS)));
      const how = await Promise.race([this.exited.then(() => 'exited' as const), late]);
      clearTimeout(timer);
      if (how === 'late') {
        this.opts.log.warn('service: did not stop in time; killing it');
        this.child.kill();
        await this.exited;
      }
    })();
    return this.stopping;
  }

  private send(msg: ServiceRequest): void {
    this.child.postMessage(msg);
  }

  private started(): Promise<void> {
    const { child, opts } = this;
    const { log } = opts;
    forwardLines(child.stdout, (line) => log.info(`service: ${line}`));
    forwardLines(child.stderr, (line) => log.warn(`service: ${line}`));

    return new Promise<void>((settle) => {
      const timer = setTimeout(() => {
        this.fail(`The Couchside service did not start within ${Math.round((opts.readyTimeoutMs ?? READY_TIMEOUT_MS) / 1000)} seconds.`);
        child.kill();
        settle();
      }, opts.readyTimeoutMs ?? READY_TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        settle();
      };

      child.on('message', (raw: unknown) => {
        const msg = parseReply(raw);
        if (!msg) return log.warn('service: ignoring an unknown message');
        this.onReply(msg, done);
      });
      child.once('exit', (code: number) => {
        this.last = null;
        const expected = this.stopping !== null;
        if (!expected && !this.failure) this.fail(`The Couchside service stopped unexpectedly (exit code ${code}).`);
        else log.info('service: stopped', { code });
        for (const w of this.waiting.values()) w.reject(new Error(this.failure ?? 'The Couchside service stopped.'));
        this.waiting.clear();
        done();
      });
      this.send({ type: 'start', options: { dataDir: opts.dataDir, lan: opts.lan, control: opts.control ?? false } });
    });
  }

  private onReply(msg: ServiceReply, ready: () => void): void {
    switch (msg.type) {
      case 'ready':
        this.last = msg.status;
        this.opts.log.info('service: ready', { url: msg.status.url, dataDir: msg.status.dataDir, lan: msg.status.lan });
        ready();
        break;
      case 'failed':
        this.fail(`The Couchside service could not start: ${msg.message}`);
        ready();
        break;
      case 'lan': {
        this.last = msg.status;
        this.opts.log.info('service: local network', msg.status.lan);
        const w = this.waiting.get(msg.id);
        this.waiting.delete(msg.id);
        w?.resolve(msg.status);
        break;
      }
      case 'stopped':
        break;
    }
  }

  private fail(message: string): void {
    this.failure = message;
    this.opts.log.error(`service: ${message}`);
  }
}

/** Calls `onLine` with each line a stream writes (the service's own output, into the app's log). */
function forwardLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let rest = '';
  stream.on('data', (chunk: Buffer | string) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line.trimEnd());
  });
}

/** What the rest of main needs: the URL to talk to and About's service part. */
export interface AppService {
  serverUrl: string;
  access: ServiceAccess;
}

/**
 * Starts the app's own service unless it was told to use another one (--server-url,
 * COUCHSIDE_SERVER_URL, --no-server), and stops it on quit. Must run after 'ready'.
 */
export async function setupEmbeddedService(
  config: Pick<AppConfig, 'serverUrl' | 'ownService' | 'kioskFlags' | 'kioskEnv'>,
  store: KeyValueStore<StoreData>,
  log: Logger,
  /** The built service entry (out/main/service.js, beside the main bundle). */
  entry: string,
): Promise<AppService> {
  if (!config.ownService) {
    log.info('service: using a service this app did not start', { serverUrl: config.serverUrl });
    return { serverUrl: config.serverUrl, access: createServiceAccess({ serverUrl: config.serverUrl, control: null, store }) };
  }
  const lan = store.get('serviceLan') === true;
  // Kiosk demo mode resets the demo household through the control API (loopback only).
  const control = Boolean(config.kioskFlags.demo || config.kioskEnv.demo || store.get('kiosk')?.demoMode);
  const service = await EmbeddedService.start({ entry, dataDir: join(app.getPath('userData'), 'service'), lan, control, log });
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting || service.status() === null) return;
    // Let the service close its database first, then quit for real.
    quitting = true;
    event.preventDefault();
    void service.stop().finally(() => app.quit());
  });
  const serverUrl = service.status()?.url ?? config.serverUrl;
  return { serverUrl, access: createServiceAccess({ serverUrl, control: service, store }) };
}
