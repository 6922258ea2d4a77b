/**
 * Finds the Electron binary without triggering electron's lazy download (require('electron')
 * tries to download it, which fails on networks that block GitHub).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

/** Where node_modules/electron says its binary is, and whether it is really there. */
export function findElectronBinary(root: string): ElectronBinary {
  const pkgDir = join(root, 'node_modules', 'electron');
  if (!existsSync(pkgDir)) return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(pkgDir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const p = join(override, rel ?? 'electron');
    return existsSync(p) ? { ok: true, path: p } : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no binary at ${p}` };
  }
  if (!rel) {
    return {
      ok: false,
      reason: 'its binary was never downloaded (it comes from GitHub, which this network may block)',
    };
  }
  const p = join(pkgDir, 'dist', rel);
  return existsSync(p) ? { ok: true, path: p } : { ok: false, reason: `its binary is missing at ${p}` };
}
