/**
 * Serves the built renderer from app://couchside/ so the page has a real origin and a CSP header,
 * and a playback's media on the same origin (app://couchside/playback/<id>/…) through the core's
 * media proxy, which adds the playback token on the way to the service.
 */
import { net, protocol } from 'electron';
import { normalize, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PLAYBACK_PATH } from '../../shared/bridge';
import type { PlaybackSessions } from '../core/playback';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './trusted-origin';

/**
 * The CSP sent with every renderer response (the HTML carries the same policy in a meta tag).
 * media-src: the app's own origin and the blob: URLs a player's Media Source Extensions make.
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // stream: media elements may read its answers as they arrive (and seek in them).
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/**
 * Maps app://couchside/<path> to a file inside `rendererDir`, refusing anything outside it, and
 * app://couchside/playback/… to `playback`'s media proxy (when given).
 */
export function setupProtocol(rendererDir: string, playback?: Pick<PlaybackSessions, 'serve'>): void {
  const root = normalize(rendererDir + sep);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    if (url.pathname.startsWith(`${PLAYBACK_PATH}/`)) return playback ? serveMedia(playback, request, url) : new Response('Not found', { status: 404 });
    const file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) return new Response('Forbidden', { status: 403 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

/**
 * A media request of our own page: GET or HEAD only, and refused when the request says it comes
 * from another origin or site (only our renderer is ever loaded, but a check costs nothing).
 */
async function serveMedia(playback: Pick<PlaybackSessions, 'serve'>, request: Request, url: URL): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  if ((origin !== null && origin !== APP_ORIGIN) || (site !== null && site !== 'same-origin')) return new Response('Forbidden', { status: 403 });
  const answer = await playback.serve(url.pathname, request.signal);
  const headers = new Headers(answer.headers);
  headers.set('X-Content-Type-Options', 'nosniff');
  if (request.method === 'HEAD') {
    // Headers only: let go of the service's body rather than leave its connection waiting.
    if (typeof answer.body !== 'string') void answer.body.cancel().catch(() => {});
    return new Response(null, { status: answer.status, headers });
  }
  return new Response(answer.body, { status: answer.status, headers });
}
