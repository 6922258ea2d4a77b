/** Builds one instance of the mock streaming service: database, HTTP API, streams, account page, control API. */
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import pino, { type Logger as PinoLogger } from 'pino';
import { API } from '../shared/api';
import { authenticateBearer } from './auth';
import type { ServerContext } from './context';
import { databaseAnswers, openDatabase, type Database } from './db';
import { DEFAULT_DEVICE_CODE_INTERVAL_SECONDS, DEFAULT_DEVICE_CODE_TTL_SECONDS, pruneDeviceCodes } from './device-codes';
import { ApiError, errorBody, installJsonErrors } from './errors';
import { approximateLocation, LOCATION_THIS_COMPUTER } from './location';
import { Outage } from './outage';
import { pruneUnlocks } from './profile-locks';
import { PRUNE_INTERVAL_MS, pruneTokens } from './pruning';
import { createRevoker } from './revocation';
import { registerAccountRoutes } from './routes/account';
import { registerActivateRoutes } from './routes/activate';
import { registerApiRoutes } from './routes/api';
import { registerCatalogRoutes } from './routes/catalog';
import { CONTROL_PREFIX, registerControlRoutes } from './routes/control';
import { registerDeviceAuthRoutes } from './routes/device-auth';
import { registerDeviceRoutes } from './routes/devices';
import { registerProfileRoutes } from './routes/profiles';
import { registerPlaybackRoutes } from './routes/playback';
import { closeWhenDrained } from '../common/close-server';
import type { MediaOptions } from './media/library';
import { createPlayback, redactMediaUrl } from './media/playback';
import { MAX_PLAYBACK_TOKEN } from './media/playback-token';
import { ensureCatalog, seedDemo } from './seed';
import { touchSession } from './sessions';
import { StreamHub, type UpgradeGate } from './streams';
import { DEFAULT_ACCESS_TTL_MS } from './token-family';
import { createCsrf } from './web/csrf';
import { setGuessingLimits } from './guessing';
import { registerRateLimits } from './rate-limits';
import { controlRefusal, HostAllowList } from './host-check';

/** How to build a server instance. */
export interface ServerOptions {
  /** SQLite file path, or ':memory:'. */
  dbPath: string;
  /** Enable the control API (/control/*). Default false: those paths are 404. */
  control?: boolean;
  /**
   * Log every request (true), or only what went wrong (false, the default): warnings and every
   * 5xx, to stderr and, for a database file, to couchside-service.log beside it.
   */
  logger?: boolean;
  /** Where the log goes besides stderr (default: couchside-service.log beside a database file; none in memory). */
  logFile?: string | null;
  /** Seed the demo household when the database has no accounts. Default true. */
  seed?: boolean;
  /** Stream heartbeat period in ms. Default 30000. */
  streamPingMs?: number;
  /** Access token lifetime in ms. Default 15 minutes. After it, calls get 401 `token_expired`. */
  accessTtlMs?: number;
  /**
   * Hold `revoked` pushes back this many ms after the (immediate, durable) commit, to emulate
   * services that take a while to propagate a sign-out. API calls are refused at once regardless.
   * Default 0.
   */
  pushDelayMs?: number;
  /** Sign in with a code: seconds a code stays valid (RFC 8628 expires_in). Default 600. */
  deviceCodeTtlSeconds?: number;
  /** Sign in with a code: seconds a device waits between polls (RFC 8628 interval). Default 5. */
  deviceCodeIntervalSeconds?: number;
  /** The clock sign-in codes are judged by (expiry, polling interval). Default Date.now; tests pass a fake one. */
  clock?: () => number;
  /**
   * Host names (without port) the service answers to besides the loopback names (localhost,
   * 127.0.0.1, ::1) and, once it listens on another address, that address and this machine's
   * own. A request naming any other host (DNS rebinding) gets 421.
   */
  allowedHosts?: readonly string[];
  /**
   * Limits on password guessing (per account, kept in the database; per client address) and on
   * sign-in code entry. Default on; the control API can lift them (`POST /control/rate-limits`).
   */
  rateLimits?: boolean;
  /**
   * Streaming media: where it is cached (default `media` beside the database file; a shared
   * folder in the system's temp folder for a database in memory), the ffmpeg binary (default env
   * COUCHSIDE_FFMPEG, else `ffmpeg` on the PATH, else the bundled one: media/ffmpeg-path.ts), and what to encode (tests make it tiny).
   */
  media?: MediaOptions;
  /** Playback token lifetime in ms. Default: the stream's length plus an hour. */
  playbackTtlMs?: number;
}

/** A built server: inject requests via `app`, or listen for real clients and streams. */
export interface CouchsideServer {
  app: FastifyInstance;
  /** The open database (for tests and tools, e.g. seed's createAccount). */
  db: Database;
  /** Starts listening (default port 0 = free port, host 127.0.0.1); resolves to the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Closes streams (1001), the HTTP server and the database. Safe to call twice. */
  close(): Promise<void>;
  /** How many device streams are open. */
  openStreams(): number;
  /**
   * Also answers to requests naming `address` in their Host header: the service was opened to
   * the local network on that address (server/service.ts hands those connections to this server).
   */
  answerTo(address: string): void;
}

const BODY_LIMIT = 16 * 1024;

const unavailable = () => new ApiError(503, 'unavailable', 'The service is unavailable. Please try again shortly.');

const SHUTTING_DOWN = 'The service is shutting down.';

/** The hold-back for the 'slow' outage mode. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Answers a malformed HTTP request (parser error, oversized headers, timeout) with the API's JSON error. */
function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, text, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request headers are too large.']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request took too long.']
        : [400, 'Bad Request', 'The request is malformed.'];
  const body = JSON.stringify(errorBody('invalid_request', message));
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The service's log: what went wrong (warn and up, every 5xx) or, with `logger: true`, every
 * request; to stderr and to a file beside the database (couchside-service.log).
 */
function serviceLogger(opts: ServerOptions): PinoLogger {
  const level = opts.logger ? 'info' : 'warn';
  const file = opts.logFile === undefined ? (opts.dbPath === ':memory:' ? null : join(dirname(opts.dbPath), 'couchside-service.log')) : opts.logFile;
  const streams: pino.StreamEntry[] = [{ level, stream: process.stderr }];
  if (file) streams.push({ level, stream: pino.destination({ dest: file, mkdir: true, sync: true }) });
  // Fastify's request fields, with a media URL's playback token left out.
  const req = (request: FastifyRequest) => ({ method: request.method, url: redactMediaUrl(request.url), host: request.host, remoteAddress: request.ip });
  return pino({ level, base: { service: 'couchside' }, serializers: { req } }, pino.multistream(streams));
}

/** Opens the database (migrating and seeding it) and builds the server, ready to listen or inject. */
export async function createServer(opts: ServerOptions): Promise<CouchsideServer> {
  const db = openDatabase(opts.dbPath);
  let app: FastifyInstance | undefined;
  try {
    ensureCatalog(db);
    // Seeded only when the database is new: a file that existed is the household's, even empty.
    if (opts.seed !== false && (db.createdNow || opts.dbPath === ':memory:')) await seedDemo(db);

    app = Fastify({
      loggerInstance: serviceLogger(opts) as FastifyBaseLogger,
      bodyLimit: BODY_LIMIT,
      clientErrorHandler,
      // Router-level failures (e.g. a badly percent-encoded URL) get the same JSON error body.
      frameworkErrors: (_error, _request, reply) => {
        void (reply as FastifyReply)
          .code(400)
          .type('application/json; charset=utf-8')
          .send(errorBody('invalid_request', 'The request URL is malformed.'));
      },
      // Media URLs carry a playback token (about 250 characters, MAX_PLAYBACK_TOKEN at most) as a
      // path parameter; a longer parameter is still a malformed URL (400).
      routerOptions: { maxParamLength: MAX_PLAYBACK_TOKEN },
      // No type coercion: a number where a string belongs is a 400, not a silent conversion.
      ajv: { customOptions: { coerceTypes: false, allErrors: false } },
    });

    // JSON only (no text/plain). An empty JSON body counts as no body, so body-less POSTs with a
    // JSON content type still work; routes that need a body reject it in validation.
    app.removeContentTypeParser(['application/json', 'text/plain']);
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') return done(null, undefined);
      void parseJson(request, text, done);
    });

    const outage = new Outage();
    /** Set when close() starts: a request still held back then is answered 503, not run on a closed database. */
    let shuttingDown = false;
    const gate = (): UpgradeGate => {
      const state = outage.state();
      if (state.mode === 'down') return { refuse: unavailable() };
      if (state.mode === 'slow') return { delayMs: state.delayMs };
      return undefined;
    };
    const hub = new StreamHub({
      path: API.stream,
      authenticate: (req) => authenticateBearer(db, req.headers.authorization),
      acceptHost: (host) => hosts.allows(host),
      pingIntervalMs: opts.streamPingMs ?? 30_000,
      onOpen: (session, req) => touchSession(db, session, approximateLocation(req.socket.remoteAddress)),
      gate,
    });
    const revoker = createRevoker(db, hub, { pushDelayMs: opts.pushDelayMs ?? 0 });
    const ctx: ServerContext = {
      db,
      hub,
      revoker,
      outage,
      accessTtlMs: opts.accessTtlMs ?? DEFAULT_ACCESS_TTL_MS,
      deviceCodes: {
        ttlSeconds: Math.max(1, Math.round(opts.deviceCodeTtlSeconds ?? DEFAULT_DEVICE_CODE_TTL_SECONDS)),
        intervalSeconds: Math.max(1, Math.round(opts.deviceCodeIntervalSeconds ?? DEFAULT_DEVICE_CODE_INTERVAL_SECONDS)),
        now: opts.clock ?? Date.now,
      },
      playback: createPlayback({ dbPath: opts.dbPath, media: opts.media, playbackTtlMs: opts.playbackTtlMs, clock: opts.clock }),
    };

    installJsonErrors(app);
    const hosts = new HostAllowList(opts.allowedHosts ?? []);
    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      reply.header('cache-control', 'no-store');
      // The player fetches media from the page's origin (the app, or the web host on another
      // port): the token in the URL is the authorisation, no cookie or header, so any origin may
      // read the answer (also a refusal, so the player sees the 401 and not a network error).
      if (request.url.startsWith(`${API.media}/`)) reply.header('access-control-allow-origin', '*');
      // Only the names this service is reached by: a page on a rebinding DNS name gets nothing.
      if (!hosts.allows(request.headers.host)) {
        return reply.code(421).type('application/json; charset=utf-8').send(errorBody('misdirected', 'This service does not answer to that host name.'));
      }
      if (opts.control && request.url.startsWith(CONTROL_PREFIX)) {
        // The control API is for this computer only, also while the service is open to the local
        // network (server/service.ts setLan): to anyone else it does not exist.
        if (approximateLocation(request.socket.remoteAddress) !== LOCATION_THIS_COMPUTER) return reply.callNotFound();
        const refusal = controlRefusal(request);
        if (refusal) return reply.code(403).type('application/json; charset=utf-8').send(errorBody('forbidden', refusal));
        // The control API's outage modes; the control API itself always answers.
        return;
      }
      const state = outage.state();
      if (state.mode === 'down') {
        const e = unavailable();
        return reply.code(e.status).header('retry-after', String(outage.secondsLeft())).type('application/json; charset=utf-8').send(e.body);
      }
      if (state.mode === 'slow') {
        await sleep(state.delayMs);
        // Held back while the service closed: its database is gone, so say so rather than fail.
        if (shuttingDown) return reply.code(503).type('application/json; charset=utf-8').send(errorBody('unavailable', SHUTTING_DOWN));
      }
    });
    setGuessingLimits(db, opts.rateLimits ?? true);
    await registerRateLimits(app, db);
    app.get('/', async (_request, reply) => reply.redirect('/account', 302));
    // Healthy means the database answers, not just that the process is up.
    app.get(API.health, async (_request, reply) => {
      if (databaseAnswers(db)) return { ok: true };
      if (shuttingDown) return reply.code(503).type('application/json; charset=utf-8').send(errorBody('unavailable', SHUTTING_DOWN));
      reply.log.error('health check: the database does not answer');
      return reply.code(503).type('application/json; charset=utf-8').send(errorBody('unavailable', 'The service cannot read its database.'));
    });
    registerApiRoutes(app, ctx);
    registerCatalogRoutes(app, ctx);
    registerDeviceRoutes(app, ctx);
    registerProfileRoutes(app, ctx);
    registerDeviceAuthRoutes(app, ctx);
    registerPlaybackRoutes(app, ctx);
    if (opts.control) registerControlRoutes(app, ctx);
    // One CSRF secret for the account page and its activation page (a TV's sign-in code).
    const csrf = createCsrf();
    await app.register(async (scope) => registerAccountRoutes(scope, ctx, csrf), { prefix: '/account' });
    await app.register(async (scope) => registerActivateRoutes(scope, ctx, csrf), { prefix: '/activate' });
    await app.ready();
    hub.attach(app.server);

    const prune = () => {
      pruneTokens(db);
      pruneUnlocks(db);
      pruneDeviceCodes(db, ctx.deviceCodes.now());
    };
    prune();
    const pruner = setInterval(prune, PRUNE_INTERVAL_MS);
    pruner.unref();

    const instance = app;
    let closing: Promise<void> | undefined;
    return {
      app: instance,
      db,
      async listen(port = 0, host = '127.0.0.1') {
        await instance.listen({ port, host, backlog: 4096 });
        hosts.listeningOn(host);
        const address = instance.server.address() as AddressInfo;
        const printable = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        return `http://${printable}:${address.port}`;
      },
      close() {
        closing ??= (async () => {
          shuttingDown = true;
          clearInterval(pruner);
          revoker.close();
          ctx.playback.library.close();
          ctx.playback.network.close();
          await hub.close(instance.server);
          await closeWhenDrained(instance.server, () => instance.close());
          db.close();
        })();
        return closing;
      },
      openStreams: () => hub.count(),
      answerTo: (address) => hosts.listeningOn(address),
    };
  } catch (err) {
    await app?.close().catch(() => undefined);
    db.close();
    throw err;
  }
}
