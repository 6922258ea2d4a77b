/** Wires every bridge verb to ipcMain.handle, validating the sender of each call. */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { BRIDGE_METHODS, invokeChannel, type BridgeMethods } from '../../shared/bridge';
import { dispatch } from '../core/bridge-handlers';
import type { Logger } from '../core/log';
import { isTrustedRendererUrl } from './trusted-origin';

/** Only our own renderer's main frame may call (never a subframe or a navigated-away page). */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return !!frame && frame.parent === null && isTrustedRendererUrl(frame.url);
}

export function setupIpc(handlers: BridgeMethods, log: Logger): void {
  for (const method of BRIDGE_METHODS) {
    ipcMain.handle(invokeChannel(method), (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) {
        log.warn('refused IPC from an untrusted sender', { method, url: event.senderFrame?.url });
        throw new Error('Refused');
      }
      return dispatch(handlers, method, args);
    });
  }
}
