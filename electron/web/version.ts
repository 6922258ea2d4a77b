/** The app version outside Electron (where app.getVersion() is not available): package.json's. */
import { readFileSync } from 'node:fs';

/** Reads `version` from the repo's package.json. */
export function readPackageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
