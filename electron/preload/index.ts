/**
 * The preload: exposes the typed bridge as `window.couchside` through contextBridge. Verbs only,
 * never ipcRenderer itself. Bundled to one small CJS file for the sandbox.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_METHODS,
  BRIDGE_SUBSCRIPTIONS,
  eventChannel,
  invokeChannel,
  type BridgeEventName,
  type BridgeMethods,
  type BridgeSubscriptions,
  type CouchsideBridge,
} from '../../shared/bridge';

/** Every verb of the contract, each one ipcRenderer.invoke on its own channel. */
const verbs = Object.fromEntries(
  BRIDGE_METHODS.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(invokeChannel(method), ...args)]),
) as unknown as BridgeMethods;

/** A subscriber: the callback gets the event's payload, never the IPC event itself. */
function subscribe(name: BridgeEventName) {
  const channel = eventChannel(name);
  return (cb: (...payload: unknown[]) => void): (() => void) => {
    const listener = (_e: IpcRendererEvent, ...payload: unknown[]) => cb(...payload);
    ipcRenderer.on(channel, listener);
    return () => {
      ipcRenderer.removeListener(channel, listener);
    };
  };
}

const subscriptions = Object.fromEntries(
  Object.entries(BRIDGE_SUBSCRIPTIONS).map(([method, name]) => [method, subscribe(name)]),
) as unknown as BridgeSubscriptions;

const bridge: CouchsideBridge = { ...verbs, ...subscriptions };

contextBridge.exposeInMainWorld('couchside', bridge);
