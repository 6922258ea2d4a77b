/**
 * Starts what a Couchside test needs and tears it down: a fresh mock service (in-memory DB,
 * control API on, free port) and web-host clients, each with its own temp user-data dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger, type Logger } from '../../electron/core/log';
import { startWebHost, type WebHost } from '../../electron/web/host';
import type { CouchsideServer } from '../../server/app';
import { startService, type RunningService } from '../../server/service';
import { ControlClient } from './control-client';

/** The repository root (what `_electron.launch` is given as the app). */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const RENDERER_DIR = resolve(ROOT, 'out/renderer');

export interface TestService {
  /** Base URL (http://127.0.0.1:PORT); give it to an app as its server URL. */
  url: string;
  /** Typed client for the control API (revoke, outage, seed, reset, streams). */
  control: ControlClient;
  server: CouchsideServer;
  /** The started service (startService): its addresses, and the local-network setting. */
  service: RunningService;
  /** Closes streams, the HTTP server and the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** How to start a test service (all optional). */
export interface TestServiceOptions {
  /** Folder for couchside.db; default none (an in-memory database). */
  dataDir?: string;
  /** Hold "revoked" pushes back this many ms (emulates a slow service). */
  pushDelayMs?: number;
  /** Access token lifetime in ms. */
  accessTtlMs?: number;
  /** Sign in with a code: seconds between polls (default 5; a short one keeps e2e tests quick). */
  deviceCodeIntervalSeconds?: number;
  /** Sign in with a code: seconds a code stays valid (default 600). */
  deviceCodeTtlSeconds?: number;
}

/** A mock service on a free loopback port with the control API on and the demo household seeded. */
export async function startTestService(opts: TestServiceOptions = {}): Promise<TestService> {
  const service = await startService({
    dataDir: opts.dataDir ?? null,
    control: true,
    pushDelayMs: opts.pushDelayMs,
    accessTtlMs: opts.accessTtlMs,
    deviceCodeIntervalSeconds: opts.deviceCodeIntervalSeconds,
    deviceCodeTtlSeconds: opts.deviceCodeTtlSeconds,
  });
  const { url, server } = service;
  return { url, server, service, control: new ControlClient(url), stop: () => service.close() };
}

export interface TestClient {
  host: WebHost;
  url: string;
  userDataDir: string;
  /** Stops the web host but keeps its data dir (to restart it like a relaunch). */
  stop(): Promise<void>;
}

export interface TestClientOptions {
  /** Reuse a store (a relaunch of the same client). */
  userDataDir?: string;
  deviceName?: string;
  /** Talk to the service through this URL instead (e.g. a cuttable proxy). */
  serverUrl?: string;
  /** Start the host as `npm run start:web -- --kiosk` does (the app is told it runs in kiosk mode). */
  kiosk?: boolean;
  /** Where the host's log lines go (default: nowhere). The kit collects them to attach to a failed test. */
  log?: Logger;
  /** The service this host may open to the local network, as `npm start` hands it its own (Settings → About). */
  service?: RunningService;
}

/** A web-host client on a free port; pass `userDataDir` to relaunch over an existing store. */
export async function startTestClient(serverUrl: string, opts: TestClientOptions = {}): Promise<TestClient> {
  const userDataDir = opts.userDataDir ?? makeTempDir('couchside-client-');
  const host = await startWebHost({
    serverUrl: opts.serverUrl ?? serverUrl,
    userDataDir,
    rendererDir: RENDERER_DIR,
    port: 0,
    version: '0.0.0-test',
    deviceName: opts.deviceName,
    kiosk: opts.kiosk,
    service: opts.service,
    // Tests say what they want; a COUCHSIDE_KIOSK exported in the caller's shell must not leak in.
    env: {},
    log: opts.log ?? silentLogger,
  });
  return {
    host,
    // A fresh one-time launch link each time it is read: every page opened on it gets the cookie.
    get url() {
      return host.launchUrl();
    },
    userDataDir,
    stop: () => host.close(),
  };
}

/** A fresh temp dir (the caller removes it with removeDir). */
export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a temp dir made by startTestClient or makeTempDir. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
}
