/** Which Chromium the web project and the bench launch: $CHROMIUM_PATH, Debian's, else Playwright's own. */
import { describe, expect, it } from 'vitest';
import { chromiumPath } from '../../kit/chromium';

describe('chromiumPath', () => {
  it("takes $CHROMIUM_PATH first, then Debian's /usr/bin/chromium", () => {
    expect(chromiumPath({ CHROMIUM_PATH: '/opt/chrome' }, () => true)).toBe('/opt/chrome');
    expect(chromiumPath({}, (p) => p === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
    expect(chromiumPath({}, (p) => p === '/usr/bin/chromium-browser')).toBe('/usr/bin/chromium-browser');
  });

  it("falls back to Playwright's own Chromium (undefined) where no system one exists (macOS, Windows)", () => {
    expect(chromiumPath({}, () => false)).toBeUndefined();
  });
});
