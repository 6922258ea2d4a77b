/**
 * The account web page as a phone's browser drives it, over plain HTTP: sign in with the email
 * and password (a form post, answered 303 with the session cookie), open "Sign out of all
 * devices" (its confirmation page carries the CSRF token), then confirm. The fan-out bench times
 * the confirmation; the sign-in and its password check happen before the devices connect.
 */

/** What confirming needs: the web session's cookie and the confirmation form's CSRF token. */
export interface AccountPageSession {
  cookie: string;
  csrf: string;
}

/** A browser's headers for a same-origin form post. */
function formHeaders(baseUrl: string, cookie?: string): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    origin: baseUrl,
    'sec-fetch-site': 'same-origin',
    ...(cookie ? { cookie } : {}),
  };
}

/** Signs in to the account page and opens the confirmation of "Sign out of all devices". */
export async function openSignOutAll(baseUrl: string, email: string, password: string): Promise<AccountPageSession> {
  const login = await fetch(`${baseUrl}/account/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: formHeaders(baseUrl),
    body: new URLSearchParams({ email, password }).toString(),
  });
  await login.arrayBuffer();
  if (login.status !== 303) throw new Error(`the account page's sign-in answered HTTP ${login.status}`);
  const set = login.headers.getSetCookie().find((c) => c.startsWith('couchside_web='));
  if (!set) throw new Error("the account page's sign-in set no session cookie");
  const cookie = set.split(';')[0]!;
  const confirm = await fetch(`${baseUrl}/account/sign-out-all`, { headers: { cookie } });
  const html = await confirm.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (confirm.status !== 200 || !csrf) throw new Error(`the "Sign out of all devices" page answered HTTP ${confirm.status}${csrf ? '' : ' with no form'}`);
  return { cookie, csrf };
}

/** Presses "Sign out of all devices" on the confirmation page; resolves to the HTTP response. */
export function confirmSignOutAll(baseUrl: string, s: AccountPageSession): Promise<Response> {
  return fetch(`${baseUrl}/account/sign-out-all`, {
    method: 'POST',
    redirect: 'manual',
    headers: formHeaders(baseUrl, s.cookie),
    body: new URLSearchParams({ csrf: s.csrf }).toString(),
  });
}
