/** The app's own origin, and the check every IPC call and navigation goes through. No electron import. */

/** The custom scheme the renderer is served from. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'couchside';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** True only for a page of our own renderer (never a remote page, file:// or another scheme). */
export function isTrustedRendererUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Schemes that may be opened in the user's browser from a link in the app. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return ['https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}
