/** Deny by default: sandbox everywhere, no navigation, no new windows, no permissions, no webviews. */
import { app, session, shell } from 'electron';
import { isSafeExternalUrl, isTrustedRendererUrl } from './trusted-origin';

/** Must run before app 'ready'. */
export function setupSecurity(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedRendererUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedRendererUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
  });
}
