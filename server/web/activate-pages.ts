/** The account page's activation pages (sign a TV in with the code it shows): enter, confirm, done. */
import { csrfField, html, page } from './pages';

/** Where the activation page lives (the TV shows this address, and the QR code encodes it with ?code=). */
export const ACTIVATE_PATH = '/activate';

/** What may be kept of a ?code= value for prefilling the form: code-like characters only, short. */
export function prefillCode(value: unknown): string {
  if (typeof value !== 'string' || value.length > 20) return '';
  return /^[A-Za-z0-9 -]*$/.test(value) ? value.trim().toUpperCase() : '';
}

/** The activation page's address, with the code to prefill when there is one. */
export function activatePath(code = ''): string {
  return code ? `${ACTIVATE_PATH}?code=${encodeURIComponent(code)}` : ACTIVATE_PATH;
}

/**
 * A sign-in form's `next` value, if it is one we may go to after signing in: only the activation
 * page (with a code-like ?code=), never another site or path.
 */
export function safeNextPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 60) return undefined;
  const m = /^\/activate(?:\?code=([A-Za-z0-9%-]*))?$/.exec(value);
  if (!m) return undefined;
  let code: string;
  try {
    code = prefillCode(decodeURIComponent(m[1] ?? ''));
  } catch {
    code = '';
  }
  return activatePath(code);
}

/** Step 1: type the code the TV shows (prefilled from the QR code's link). */
export function enterCodePage(opts: { csrf: string; code?: string; error?: string }): string {
  return page(
    'Sign in a TV',
    html`<h1>Sign in a TV</h1>
<p>Your TV shows a code. Enter it here to sign the TV in to your Couchside account.</p>
${opts.error ? html`<p class="alert" role="alert" id="code-error">${opts.error}</p>` : ''}
<form class="stack" method="post" action="${ACTIVATE_PATH}">
  ${csrfField(opts.csrf)}
  <label for="code">Enter the code shown on your TV</label>
  <input id="code" name="code" type="text" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" inputmode="text"
    required maxlength="20" placeholder="ABCD-EFGH" value="${opts.code ?? ''}" aria-describedby="code-hint${opts.error ? ' code-error' : ''}"${opts.error ? html` aria-invalid="true"` : ''}>
  <p id="code-hint" class="sub">8 letters, like ABCD-EFGH. Capitals and the dash are optional.</p>
  <button type="submit">Continue</button>
</form>
<div class="actions"><a class="button secondary" href="/account">Back to your account</a></div>`,
  );
}

/** Step 2: which device is asking; Sign in or Deny. */
export function confirmCodePage(opts: { csrf: string; code: string; deviceName: string; platform: string; location: string }): string {
  const heading = `Sign in ${opts.deviceName}?`;
  return page(
    heading,
    html`<h1>${heading}</h1>
<p>This signs the device in to your Couchside account, with every profile. Only approve a device you can see in front of you.</p>
<dl>
  <dt>Device</dt><dd>${opts.deviceName}</dd>
  <dt>Type</dt><dd>${opts.platform}</dd>
  <dt>Where</dt><dd>${opts.location}</dd>
  <dt>Code</dt><dd>${opts.code}</dd>
</dl>
<form method="post" action="${ACTIVATE_PATH}/confirm">
  ${csrfField(opts.csrf)}
  <input type="hidden" name="code" value="${opts.code}">
  <div class="actions">
    <button type="submit" name="decision" value="approve">Sign in</button>
    <button class="secondary" type="submit" name="decision" value="deny">Deny</button>
  </div>
</form>`,
  );
}

/** Step 3 (approved): the TV picks the session up on its next poll. */
export function codeApprovedPage(deviceName: string): string {
  return page(
    'Your TV is signed in',
    html`<h1>Your TV is signed in</h1>
<p role="status">${deviceName} is signing in to Couchside now. You can put your phone away.</p>
<div class="actions"><a class="button secondary" href="/account">Back to your account</a></div>`,
  );
}

/** Step 3 (denied): the TV is told the sign-in was declined. */
export function codeDeniedPage(deviceName: string): string {
  return page(
    'Sign-in declined',
    html`<h1>Sign-in declined</h1>
<p role="status">${deviceName} was not signed in. If that was you, start "Sign in with a code" on the TV again.</p>
<div class="actions"><a class="button secondary" href="/account">Back to your account</a></div>`,
  );
}
