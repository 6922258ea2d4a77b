import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { app, session, shell } from '../../../mocks/electron';
import { setupSecurity } from '../../../../electron/main/security';
import { APP_ENTRY } from '../../../../electron/main/trusted-origin';

class Contents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
    this.openHandler = fn;
  }
}

function navigate(contents: Contents, event: string, url: string): boolean {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('setupSecurity (deny by default)', () => {
  setupSecurity();
  const contents = new Contents();
  app.emit('web-contents-created', {}, contents);

  it('turns the sandbox on for every renderer', () => {
    expect(app.sandboxEnabled).toBe(true);
  });

  it('blocks navigation and redirects away from the app, allows its own pages', () => {
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(navigate(contents, 'will-navigate', APP_ENTRY)).toBe(false);
  });

  it('never attaches webviews', () => {
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('denies every new window and opens only https links in the browser', () => {
    expect(contents.openHandler!({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://example.com/help']);
  });

  it('denies permission requests and checks', async () => {
    await Promise.resolve();
    const answers: boolean[] = [];
    session.defaultSession.permissionRequestHandler!({}, 'media', (ok) => answers.push(ok));
    expect(answers).toEqual([false]);
    expect(session.defaultSession.permissionCheckHandler!()).toBe(false);
  });
});
