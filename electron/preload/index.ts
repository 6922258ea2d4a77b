/**
 * The preload: exposes the typed bridge as `window.couchside` through contextBridge. Verbs only,
 * never ipcRenderer itself. Bundled to one small CJS file for the sandbox.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  CODE_SIGN_IN_CHANGED_CHANNEL,
  DEVICES_CHANGED_CHANNEL,
  LIBRARY_CHANGED_CHANNEL,
  invokeChannel,
  KIOSK_CHANGED_CHANNEL,
  SESSION_CHANGED_CHANNEL,
  type BridgeMethodName,
  type BridgeMethods,
  type CodeSignInState,
  type CouchsideBridge,
  type KioskState,
  type SessionState,
} from '../../shared/bridge';

function invoke<M extends BridgeMethodName>(method: M): BridgeMethods[M] {
  return ((...args: unknown[]) => ipcRenderer.invoke(invokeChannel(method), ...args)) as BridgeMethods[M];
}

const bridge = {
  getState: invoke('getState'),
  getAppInfo: invoke('getAppInfo'),
  signIn: invoke('signIn'),
  signOut: invoke('signOut'),
  signOutAllDevices: invoke('signOutAllDevices'),
  checkPassword: invoke('checkPassword'),
  listProfiles: invoke('listProfiles'),
  getHome: invoke('getHome'),
  selectProfile: invoke('selectProfile'),
  unlockProfile: invoke('unlockProfile'),
  setProfilePin: invoke('setProfilePin'),
  getPreferences: invoke('getPreferences'),
  setPreferences: invoke('setPreferences'),
  listDevices: invoke('listDevices'),
  renameDevice: invoke('renameDevice'),
  signOutDevice: invoke('signOutDevice'),
  checkSession: invoke('checkSession'),
  getKiosk: invoke('getKiosk'),
  enableKiosk: invoke('enableKiosk'),
  exitKiosk: invoke('exitKiosk'),
  resetDemo: invoke('resetDemo'),
  createProfile: invoke('createProfile'),
  updateProfile: invoke('updateProfile'),
  deleteProfile: invoke('deleteProfile'),
  getTitle: invoke('getTitle'),
  search: invoke('search'),
  setInMyList: invoke('setInMyList'),
  saveProgress: invoke('saveProgress'),
  removeFromContinueWatching: invoke('removeFromContinueWatching'),
  startCodeSignIn: invoke('startCodeSignIn'),
  cancelCodeSignIn: invoke('cancelCodeSignIn'),
  getServiceInfo: invoke('getServiceInfo'),
  setLanAccess: invoke('setLanAccess'),
  reportError: invoke('reportError'),
  onSessionChanged(cb: (state: SessionState) => void): () => void {
    const listener = (_e: IpcRendererEvent, state: SessionState) => cb(state);
    ipcRenderer.on(SESSION_CHANGED_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(SESSION_CHANGED_CHANNEL, listener);
    };
  },
  onDevicesChanged(cb: () => void): () => void {
    const listener = () => cb();
    ipcRenderer.on(DEVICES_CHANGED_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(DEVICES_CHANGED_CHANNEL, listener);
    };
  },
  onLibraryChanged(cb: (profileId: string) => void): () => void {
    const listener = (_e: IpcRendererEvent, profileId: string) => cb(profileId);
    ipcRenderer.on(LIBRARY_CHANGED_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(LIBRARY_CHANGED_CHANNEL, listener);
    };
  },
  onKioskChanged(cb: (state: KioskState) => void): () => void {
    const listener = (_e: IpcRendererEvent, state: KioskState) => cb(state);
    ipcRenderer.on(KIOSK_CHANGED_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(KIOSK_CHANGED_CHANNEL, listener);
    };
  },
  onCodeSignInChanged(cb: (state: CodeSignInState) => void): () => void {
    const listener = (_e: IpcRendererEvent, state: CodeSignInState) => cb(state);
    ipcRenderer.on(CODE_SIGN_IN_CHANGED_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(CODE_SIGN_IN_CHANGED_CHANNEL, listener);
    };
  },
} satisfies CouchsideBridge;

/** The bridge's type, inferred from what the preload really exposes. */
export type PreloadBridge = typeof bridge;

contextBridge.exposeInMainWorld('couchside', bridge);
