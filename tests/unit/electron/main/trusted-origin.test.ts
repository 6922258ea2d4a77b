import { describe, expect, it } from 'vitest';
import { APP_ENTRY, isSafeExternalUrl, isTrustedRendererUrl } from '../../../../electron/main/trusted-origin';

describe('trusted origin checks', () => {
  it('trusts only our app:// renderer', () => {
    expect(isTrustedRendererUrl(APP_ENTRY)).toBe(true);
    expect(isTrustedRendererUrl('app://couchside/assets/x.js')).toBe(true);
    for (const url of ['https://couchside', 'file:///etc/passwd', 'app://evil/index.html', 'http://127.0.0.1:4701/', '', null, 'not a url']) {
      expect(isTrustedRendererUrl(url)).toBe(false);
    }
  });
  it('opens only https links externally', () => {
    expect(isSafeExternalUrl('https://example.com')).toBe(true);
    for (const url of ['http://example.com', 'file:///x', 'javascript:alert(1)', 'smb://host/share']) expect(isSafeExternalUrl(url)).toBe(false);
  });
});
