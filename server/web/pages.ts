/** Server-rendered HTML for the account web page (no client JS): the frame, sign-in, sign-out and error pages. */

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Marks a string as already-safe HTML. */
export interface Html {
  readonly html: string;
}

/** Tagged template that escapes every interpolated value unless it is Html (or an array of Html). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return { html: out };
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object' && 'html' in value) return (value as Html).html;
  return escapeHtml(String(value));
}

/** A whole HTML document in the account page's frame (brand header, main column). */
export function page(title: string, body: Html, opts: { header?: Html; wide?: boolean } = {}): string {
  return `<!doctype html>\n${
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="dark">
<title>${title} · Couchside</title>
<link rel="stylesheet" href="/account/style.css">
</head>
<body>
<header class="top"><a class="brand" href="/account">Couchside</a>${opts.header}</header>
<main class="${opts.wide ? 'wide' : 'card'}">
${body}
</main>
</body>
</html>
`.html
  }`;
}

/** The hidden CSRF field every form carries. */
export const csrfField = (token: string): Html => html`<input type="hidden" name="csrf" value="${token}">`;

/** "March 2019" from an ISO timestamp. */
export function formatMemberSince(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "just now", "5 minutes ago", "3 days ago". */
export function formatAgo(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (!Number.isFinite(seconds) || seconds < 60) return 'just now';
  const units: [number, string][] = [
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

/**
 * The sign-in form, with an optional error (role=alert) or notice (role=status). `next` is where to
 * go after signing in (only a checked path, e.g. the activation page with its code).
 */
export function loginPage(opts: { email?: string; error?: string; notice?: string; next?: string } = {}): string {
  return page(
    'Sign in',
    html`<h1>Sign in</h1>
${opts.notice ? html`<p class="notice" role="status">${opts.notice}</p>` : ''}
${opts.error ? html`<p class="alert" role="alert">${opts.error}</p>` : ''}
<form class="stack" method="post" action="/account/login">
  ${opts.next ? html`<input type="hidden" name="next" value="${opts.next}">` : ''}
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" inputmode="email" required maxlength="254" value="${opts.email ?? ''}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
  <button type="submit">Sign in</button>
</form>`,
  );
}

/** The confirmation step before signing out everywhere. */
export function confirmSignOutAllPage(opts: { csrf: string }): string {
  return page(
    'Sign out of all devices',
    html`<h1>Sign out of all devices</h1>
<p>This signs you out of every device and browser that is signed in to your Couchside account, including this one. It affects all profiles on the account.</p>
<p class="muted">Couchside does this within seconds: every TV, computer and browser goes back to its sign-in screen right away, not hours later as with some services.</p>
<form method="post" action="/account/sign-out-all">
  ${csrfField(opts.csrf)}
  <div class="actions">
    <button type="submit">Sign out</button>
    <a class="button secondary" href="/account">Cancel</a>
  </div>
</form>`,
  );
}

/** Shown after signing out everywhere. */
export function signedOutAllPage(): string {
  return page(
    'Signed out of all devices',
    html`<h1>Signed out of all devices</h1>
<p>Every device and browser on your account has been signed out, including this one.</p>
<div class="actions"><a class="button" href="/account/login">Sign in again</a></div>`,
  );
}

/** A plain error page (403, 404, 415, ...). */
export function errorPage(heading: string, message: string): string {
  return page(
    heading,
    html`<h1>${heading}</h1>
<p role="alert">${message}</p>
<div class="actions"><a class="button secondary" href="/account">Back to your account</a></div>`,
  );
}
