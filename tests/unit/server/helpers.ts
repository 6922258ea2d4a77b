import { CONTROL_HEADERS } from '../../../shared/api';
/** Shared helpers for the server unit tests: in-memory servers, sign-in, stream clients. */
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { LightMyRequestResponse } from 'fastify';
import { API, type SignInResponse, type StreamMessage } from '../../../shared/api';
import type { ApiErrorBody } from '../../../shared/types';
import { createServer, type CouchsideServer, type ServerOptions } from '../../../server/app';
import { DEMO_ACCOUNT } from '../../../server/seed';

export { DEMO_ACCOUNT };

export const DEVICE = { name: 'Living room PC', platform: 'linux', appVersion: '0.1.0' };

/** A fresh server on an in-memory database (closed by the caller). */
export function memoryServer(opts: Partial<ServerOptions> = {}): Promise<CouchsideServer> {
  return createServer({ dbPath: ':memory:', ...opts });
}

/** Signs in through the API and returns the response body: the TokenSet, deviceId and account (throws on non-200). */
export async function signIn(
  server: CouchsideServer,
  email: string = DEMO_ACCOUNT.email,
  password: string = DEMO_ACCOUNT.password,
  device = DEVICE,
  remoteAddress?: string,
): Promise<SignInResponse> {
  const res = await server.app.inject({ method: 'POST', url: API.signIn, payload: { email, password, device }, remoteAddress });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return res.json() as SignInResponse;
}

/** POST API.refresh with a refresh token (no bearer). */
export function refresh(server: CouchsideServer, refreshToken: string): Promise<LightMyRequestResponse> {
  return server.app.inject({ method: 'POST', url: API.refresh, payload: { refreshToken } });
}

/** A JSON request's headers and payload for inject. */
/** A JSON body (with the control API's header too: harmless on other routes, required on /control). */
/** What a body-less control call sends: its header and a JSON body type. */
export const CONTROL_JSON: Record<string, string> = { ...CONTROL_HEADERS, 'content-type': 'application/json' };

export const jsonBody = (payload: unknown, headers: Record<string, string> = {}) => ({
  headers: { 'content-type': 'application/json', ...CONTROL_HEADERS, ...headers },
  payload: JSON.stringify(payload),
});

/** Form headers and body for the account page. */
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** The CSRF token in an account page's HTML. */
export const csrfFrom = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1];

/** Signs in on the account page and returns the cookie value and the overview page's CSRF token. */
export async function webSession(
  server: CouchsideServer,
  email: string = DEMO_ACCOUNT.email,
  password: string = DEMO_ACCOUNT.password,
): Promise<{ cookie: string; csrf: string }> {
  const login = await server.app.inject({ method: 'POST', url: '/account/login', headers: FORM, payload: form({ email, password }) });
  if (login.statusCode !== 303) throw new Error(`web sign-in failed: ${login.statusCode}`);
  const cookie = login.cookies.find((c) => c.name === 'couchside_web')!.value;
  const page = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: cookie } });
  return { cookie, csrf: csrfFrom(page.body)! };
}

/** Authorization header for a token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The id of the account's first profile, read as a client would (GET API.profiles). */
export async function firstProfileId(server: CouchsideServer, token: string): Promise<string> {
  const res = await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(token) });
  return (res.json().profiles as { id: string }[])[0]!.id;
}

/** An open device stream and what it has received. */
export interface OpenStream {
  ws: WebSocket;
  messages: StreamMessage[];
  /** Resolves with the close code and reason when the stream closes. */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the first message of this type. */
  next(type: StreamMessage['type']): Promise<StreamMessage>;
}

/** The outcome of a stream connect: open, or rejected with an HTTP status and JSON body. */
export type StreamAttempt = { open: true; stream: OpenStream } | { open: false; status: number; body: ApiErrorBody };

/** Connects a device stream with a bearer token (or none) and waits for hello or rejection. */
export function connectStream(baseUrl: string, token?: string): Promise<StreamAttempt> {
  const url = baseUrl.replace(/^http/, 'ws') + API.stream;
  const ws = new WebSocket(url, { headers: token ? bearer(token) : {} });
  const messages: StreamMessage[] = [];
  const waiters: { type: StreamMessage['type']; resolve: (m: StreamMessage) => void }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as StreamMessage;
    messages.push(message);
    for (const w of waiters.filter((x) => x.type === message.type)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(message);
    }
  });
  const next = (type: StreamMessage['type']) =>
    new Promise<StreamMessage>((resolve) => {
      const seen = messages.find((m) => m.type === type);
      if (seen) resolve(seen);
      else waiters.push({ type, resolve });
    });
  return new Promise((resolve, reject) => {
    ws.on('unexpected-response', (_req, res: IncomingMessage) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        resolve({ open: false, status: res.statusCode ?? 0, body: JSON.parse(text) as ApiErrorBody });
        ws.terminate();
      });
    });
    ws.on('error', reject);
    next('hello').then(() => resolve({ open: true, stream: { ws, messages, closed, next } }), reject);
  });
}

/** Connects and asserts the stream opened. */
export async function openStream(baseUrl: string, token: string): Promise<OpenStream> {
  const attempt = await connectStream(baseUrl, token);
  if (!attempt.open) throw new Error(`stream rejected: ${attempt.status} ${JSON.stringify(attempt.body)}`);
  return attempt.stream;
}

/** Resolves when `check` returns true (polling), or rejects after `ms`. */
export async function waitFor(check: () => boolean, ms = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** "Sign out of all devices" from a device, with the account password it needs (demo account's by default). */
export const signOutAll = (server: CouchsideServer, token: string, password: string = DEMO_ACCOUNT.password) =>
  server.app.inject({ method: 'POST', url: API.signOutAll, ...jsonBody({ password }, bearer(token)) });
