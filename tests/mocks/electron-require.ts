/**
 * vitest setup: CommonJS packages that `require('electron')` from node_modules (electron-log/main)
 * get the same Electron mock that vitest's alias gives ESM imports, instead of the electron
 * package's download-on-require stub.
 */
import { createRequire } from 'node:module';
import electron from './electron';

const require = createRequire(import.meta.url);
const resolved = require.resolve('electron');
// The main process's view: no renderer-only modules (electron-log takes ipcRenderer to mean a preload).
const mainView = { ...electron, ipcRenderer: undefined, contextBridge: undefined };
require.cache[resolved] = { id: resolved, filename: resolved, loaded: true, exports: mainView } as unknown as NodeJS.Module;
