/** The renderer's one door to the session-holding process: Electron's preload, or the web host. */
import { WEB_BRIDGE_META, type CouchsideBridge } from '../../shared/bridge';
import { WebBridgeClient, bridgeUrl } from './webBridge';

let cached: CouchsideBridge | null = null;

/** The bridge for this window: `window.couchside` in Electron, else one WebSocket to the web host. */
export function getBridge(): CouchsideBridge {
  if (cached) return cached;
  if (window.couchside) {
    cached = window.couchside;
    return cached;
  }
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${WEB_BRIDGE_META}"]`);
  const client = new WebBridgeClient({
    url: bridgeUrl(window.location, meta?.content ?? ''),
    createSocket: (url) => new WebSocket(url),
  });
  window.addEventListener('pagehide', () => client.dispose(), { once: true });
  cached = client.bridge();
  return cached;
}
