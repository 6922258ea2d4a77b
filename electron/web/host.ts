/**
 * The web host: runs the client core in plain Node and serves the same renderer to a browser over
 * one loopback WebSocket. Used by kiosk browsers and by CI, where no Electron binary exists.
 * Tokens stay in this process; the page only ever sees SessionState.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Readable, type Duplex } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { join } from 'node:path';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  PLAYBACK_PATH,
  WEB_BRIDGE_PATH,
  type WebBridgeMessage,
  type WebBridgeRequest,
} from '../../shared/bridge';
import { dispatch, isBridgeMethod } from '../core/bridge-handlers';
import { createClientCore } from '../core/client-core';
import { openConfStore } from '../core/conf-store';
import { demoCredentialsFromEnv, type DemoCredentials } from '../core/demo-reset';
import { KioskController, kioskSwitchesFromEnv, type KioskSwitches } from '../core/kiosk';
import { consoleLogger, type Logger } from '../core/log';
import { createServiceAccess, inProcessControl } from '../core/service-access';
import { SessionManager } from '../core/session-manager';
import { plainVault } from '../core/store';
import { closeWhenDrained } from '../../common/close-server';

export interface WebHostOptions {
  serverUrl: string;
  /**
   * The service this host's process started (`npm start`), so Settings → About can open it to the
   * local network; left out when the host talks to a service it did not start.
   */
  service?: Parameters<typeof inProcessControl>[0];
  /** Where this client keeps its session store (one folder per client). */
  userDataDir: string;
  /** Built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Kiosk switches given on the command line (`true` is `{kiosk: true}`); they win over `env`. */
  kiosk?: boolean | KioskSwitches;
  /**
   * Where COUCHSIDE_KIOSK / COUCHSIDE_DEMO / COUCHSIDE_IDLE_RESET / COUCHSIDE_DEMO_EMAIL /
   * COUCHSIDE_DEMO_PASSWORD are read from (default process.env; tests pass {}).
   */
  env?: Record<string, string | undefined>;
  /** The account a demo reset signs back in to (default: from `env`, else the seeded demo account). */
  demoAccount?: DemoCredentials;
  /** Called after the admin PIN ended kiosk mode (the CLI closes the kiosk browser it opened). */
  onKioskExit?: () => void;
  version: string;
  deviceName?: string;
  log?: Logger;
}

export interface WebHost {
  /** The bare address: without the host's cookie it shows where to find the launch link. */
  url: string;
  /**
   * A fresh one-time launch link (`url?token=…`): opening it sets this host's HttpOnly,
   * SameSite=Strict cookie and drops the token from the address bar. `npm start` prints one, the
   * kiosk browser opens one (a new one each time it is reopened), the test kit opens one per page.
   */
  launchUrl(): string;
  session: SessionManager;
  kiosk: KioskController;
  bridgeClients(): number;
  close(): Promise<void>;
}

/**
 * The CSP the web host sends with every page (the same policy the HTML carries in a meta tag).
 * media-src: this host's own origin (its media route) and the blob: URLs of Media Source Extensions.
 */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const LOOPBACK = '127.0.0.1';

/** Starts a web host on loopback and restores its session. */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const log = opts.log ?? consoleLogger('web-host');
  // The bridge is opened only by a browser holding this host's cookie, which it got by opening a
  // one-time launch link: never by reading a page (any local process could read that).
  const secret = randomBytes(32).toString('base64url');
  const launchTokens = new LaunchTokens();
  const { store: kv, recovered } = openConfStore(opts.userDataDir, log);
  const env = opts.env ?? process.env;
  const core = createClientCore({
    store: kv,
    storeRecovered: recovered,
    // The store file's own mode (0600) guards it; a browser-served host has no OS keychain to ask.
    vault: plainVault,
    device: { host: 'web', version: opts.version, name: opts.deviceName },
    serverUrl: opts.serverUrl,
    kiosk: {
      flags: typeof opts.kiosk === 'boolean' ? { kiosk: opts.kiosk } : (opts.kiosk ?? {}),
      env: kioskSwitchesFromEnv(env, (problem) => log.warn(`${problem} Ignoring it.`)),
    },
    demoAccount: opts.demoAccount ?? demoCredentialsFromEnv(env),
    service: createServiceAccess({ serverUrl: opts.serverUrl, control: opts.service ? inProcessControl(opts.service) : null, store: kv }),
    log,
  });
  const { session, kiosk, handlers } = core;

  const indexHtml = readFileSync(join(opts.rendererDir, 'index.html'), 'utf8');

  const app = Fastify({ logger: false });
  let allowedHosts = new Set<string>();

  app.addHook('onRequest', async (req, reply) => {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      // Another name pointing at loopback (DNS rebinding) must not reach the bridge page.
      return reply.code(421).type('text/plain').send('Misdirected request');
    }
  });
  app.addHook('onSend', async (_req, reply) => {
    reply.header('content-security-policy', WEB_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
  });
  let cookieName = 'couchside_bridge';
  const sendIndex = (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    if (hasBridgeCookie(req.headers.cookie, cookieName, secret)) return reply.type('text/html; charset=utf-8').send(indexHtml);
    const token = new URL(req.url, 'http://host').searchParams.get('token');
    if (token && launchTokens.take(token)) {
      // HttpOnly: no script reads it; SameSite=Strict: no other site's page sends it.
      reply.header('set-cookie', `${cookieName}=${secret}; Path=/; HttpOnly; SameSite=Strict`);
      return reply.redirect('/', 303);
    }
    return reply.code(403).type('text/html; charset=utf-8').send(NEEDS_LAUNCH_LINK_PAGE);
  };
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  // A playback's media on this host's own origin, for its own page only (cookie, and Origin /
  // Sec-Fetch-Site when the browser sends them; Host is checked above): the core's proxy adds the
  // playback token on the way to the service, so the page never sees it.
  app.get(`${PLAYBACK_PATH}/*`, async (req, reply) => {
    if (!acceptMedia(req.headers, secret, cookieName)) return reply.code(403).type('text/plain').send('Forbidden');
    const gone = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) gone.abort();
    });
    const answer = await core.playback.serve(req.url, gone.signal);
    reply.code(answer.status).headers(answer.headers);
    return reply.send(typeof answer.body === 'string' ? answer.body : Readable.fromWeb(answer.body as NodeReadableStream<Uint8Array>));
  });
  await app.register(fastifyStatic, { root: opts.rendererDir, index: false, wildcard: true });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<WebSocket>();
  const send = (ws: WebSocket, msg: WebBridgeMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };

  // The local-network setting as this device left it (off by default).
  if (opts.service && core.service.storedLan()) await core.service.setLanAccess(true);
  const exitKiosk = handlers.exitKiosk;
  handlers.exitKiosk = async (pin) => {
    const wasOn = kiosk.getState().enabled;
    const r = await exitKiosk(pin);
    // After the answer and the kiosk-changed event have gone out: the kiosk browser may close now.
    if (wasOn && r.ok && !r.value.enabled && opts.onKioskExit) setTimeout(opts.onKioskExit, 200).unref?.();
    return r;
  };

  // Every event of the core goes to every open page as it is.
  core.onEvent((event) => {
    const msg = JSON.stringify(event satisfies WebBridgeMessage);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(msg);
  });

  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    // A frame ws refuses (over maxPayload, invalid UTF-8, a bad opcode) is an 'error' on that
    // socket: ws closes it (1009, 1007, 1002). Without a listener it would take the host down.
    ws.on('error', (err) => {
      log.warn('bridge socket closed after a bad frame', { error: String(err) });
      clients.delete(ws);
    });
    ws.on('message', (data) => {
      let req: WebBridgeRequest;
      try {
        req = JSON.parse(data.toString()) as WebBridgeRequest;
      } catch {
        ws.close(1003, 'malformed');
        return;
      }
      if (typeof req?.id !== 'number' || !isBridgeMethod(req.method) || !Array.isArray(req.args)) {
        ws.close(1008, 'bad request');
        return;
      }
      dispatch(handlers, req.method, req.args).then(
        // A verb that returns nothing still answers: `undefined` would vanish from the JSON and
        // leave the page's call waiting forever.
        (result) => send(ws, { id: req.id, result: result ?? null }),
        (err: unknown) => {
          log.error('bridge call failed', { method: req.method, error: String(err) });
          send(ws, { id: req.id, result: { ok: false, error: { code: 'failed', message: 'Something went wrong.' } } });
        },
      );
    });
  });

  app.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!acceptBridge(req, secret, allowedHosts, cookieName)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await app.listen({ port: opts.port ?? 0, host: LOOPBACK });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  allowedHosts = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  // Cookies are not kept apart by port: one name per host, so two hosts on one machine never clash.
  cookieName = `couchside_bridge_${port}`;
  const url = `http://${LOOPBACK}:${port}/`;

  core.start();

  return {
    url,
    launchUrl: () => `${url}?token=${launchTokens.mint()}`,
    session,
    kiosk,
    bridgeClients: () => clients.size,
    async close() {
      core.dispose();
      for (const ws of clients) ws.terminate();
      wss.close();
      await closeWhenDrained(app.server, () => app.close());
    },
  };
}

/** The bridge accepts only this host's page in a browser holding its cookie: right path, Host, Origin and cookie. */
export function acceptBridge(req: IncomingMessage, secret: string, allowedHosts: Set<string>, cookieName: string): boolean {
  const host = req.headers.host ?? '';
  if (!allowedHosts.has(host)) return false;
  const origin = req.headers.origin;
  if (origin !== `http://${host}`) return false;
  let url: URL;
  try {
    url = new URL(req.url ?? '', `http://${host}`);
  } catch {
    return false;
  }
  if (url.pathname !== WEB_BRIDGE_PATH) return false;
  return hasBridgeCookie(req.headers.cookie, cookieName, secret);
}

/** A media request from this host's own page: its cookie, and no sign of another origin or site. */
export function acceptMedia(headers: IncomingMessage['headers'], secret: string, cookieName: string): boolean {
  const { origin, host } = headers;
  if (origin !== undefined && origin !== `http://${host ?? ''}`) return false;
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  return hasBridgeCookie(headers.cookie, cookieName, secret);
}

/** True when the Cookie header carries this host's bridge cookie with the right value. */
export function hasBridgeCookie(header: string | undefined, name: string, secret: string): boolean {
  if (!header) return false;
  const want = Buffer.from(secret);
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const given = Buffer.from(part.slice(eq + 1).trim());
    if (given.length === want.length && timingSafeEqual(given, want)) return true;
  }
  return false;
}

/** One-time launch tokens: each opens the app once, within ten minutes; at most 100 wait at a time. */
class LaunchTokens {
  private readonly tokens = new Map<string, number>();

  mint(): string {
    const now = Date.now();
    for (const [t, expires] of this.tokens) if (expires <= now) this.tokens.delete(t);
    while (this.tokens.size >= 100) this.tokens.delete(this.tokens.keys().next().value!);
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, now + 10 * 60_000);
    return token;
  }

  /** Spends a token: true once for a token that was minted and has not expired. */
  take(token: string): boolean {
    const expires = this.tokens.get(token);
    if (expires === undefined) return false;
    this.tokens.delete(token);
    return expires > Date.now();
  }
}

/** What the bare address shows without the cookie: where to find the link, and no secret. */
const NEEDS_LAUNCH_LINK_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Couchside: open the launch link</title></head>
<body>
<h1>Open Couchside with its launch link</h1>
<p>For your safety this address needs the one-time link that started Couchside: the line
<em>"Couchside (web host): open http://127.0.0.1:…/?token=…"</em> that <code>npm start</code> (or
<code>npm run web-host</code>) printed in its terminal. The kiosk browser opens its own link by itself.</p>
<p>Once opened, this browser can reload and open more tabs without it.</p>
</body></html>`;
