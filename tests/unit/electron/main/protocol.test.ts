import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { protocol } from '../../../mocks/electron';
import { registerAppScheme, setupProtocol } from '../../../../electron/main/protocol';

describe('app:// protocol', () => {
  const dir = mkdtempSync(join(tmpdir(), 'couchside-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<html>app</html>');
  registerAppScheme();
  setupProtocol(dir);
  const handle = (url: string) => protocol.handlers.get('app')!(new Request(url));

  it('is registered as a standard, secure scheme', () => {
    expect(protocol.privileged).toContainEqual(expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }));
  });

  it('serves the built renderer with a strict CSP header', async () => {
    const res = await handle('app://couchside/index.html');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<html>app</html>');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('refuses other hosts and paths that escape the renderer folder', async () => {
    expect((await handle('app://other/index.html')).status).toBe(404);
    // Dot segments are resolved by the URL parser and stay inside the folder (so: not found)…
    expect((await handle('app://couchside/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    // …and encoded slashes that would climb out after decoding are refused.
    expect((await handle('app://couchside/..%2F..%2F..%2Fetc%2Fpasswd')).status).toBe(403);
  });
});
