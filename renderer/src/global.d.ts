/** The preload's contextBridge exposes the typed bridge here (absent in the web host). */
import type { CouchsideBridge } from '../../shared/bridge';

declare global {
  interface Window {
    couchside?: CouchsideBridge;
  }
}

export {};
