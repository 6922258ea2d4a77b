/** The renderer's one door to the session-holding process: Electron's preload, or the web host. */
import type { CouchsideBridge } from '../../shared/bridge';
import { WebBridgeClient, bridgeUrl, type SocketLike } from './webBridge';

let cached: CouchsideBridge | null = null;

/** The bridge for this window: `window.couchside` in Electron, else one WebSocket to the web host. */
export function getBridge(): CouchsideBridge {
  if (cached) return cached;
  if (window.couchside) {
    cached = window.couchside;
    return cached;
  }
  // The web host lets the socket in by its HttpOnly cookie (set when its launch link was opened).
  const client = new WebBridgeClient({
    url: bridgeUrl(window.location),
    createSocket: openSocket,
  });
  window.addEventListener('pagehide', () => client.dispose(), { once: true });
  cached = client.bridge();
  return cached;
}

/** Adapts the browser WebSocket to the client's socket slice. */
function openSocket(url: string): SocketLike {
  const ws = new WebSocket(url);
  const socket: SocketLike = {
    get readyState() {
      return ws.readyState;
    },
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
  };
  ws.onopen = (ev) => socket.onopen?.(ev);
  ws.onmessage = (ev) => socket.onmessage?.(ev);
  ws.onclose = (ev) => socket.onclose?.(ev);
  ws.onerror = (ev) => socket.onerror?.(ev);
  return socket;
}
