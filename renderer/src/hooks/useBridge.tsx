/**
 * The bridge reaches every screen through one context, set once by App: screens call useBridge()
 * rather than having it passed down through every level (tests wrap what they render in a
 * BridgeProvider with a fake).
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { CouchsideBridge } from '../../../shared/bridge';

const BridgeContext = createContext<CouchsideBridge | null>(null);

export function BridgeProvider({ bridge, children }: { bridge: CouchsideBridge; children: ReactNode }) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

/** This window's bridge; throws when rendered outside a BridgeProvider (a wiring mistake, not a state). */
export function useBridge(): CouchsideBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('couchside: useBridge() outside a BridgeProvider');
  return bridge;
}
