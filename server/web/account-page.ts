/** The account overview page: membership, signed-in devices (each with its own Sign out), password change, settings. */
import type { DeviceSummary } from '../../shared/api';
import { planOf, screensText } from '../../shared/plans';
import type { AccountSummary } from '../../shared/types';
import { csrfField, formatAgo, formatMemberSince, html, page } from './pages';

/** What the password form shows after a failed attempt (the page is re-rendered with it). */
export interface PasswordFormState {
  error?: string;
  /** The checkbox as the user left it (ticked by default). */
  signOutAll?: boolean;
}

/** Everything the account page shows. */
export interface AccountPageInput {
  account: AccountSummary;
  devices: DeviceSummary[];
  csrf: string;
  /** A confirmation for the last action (role=status). */
  status?: string;
  password?: PasswordFormState;
}

/**
 * One label per name, unique even when names repeat ("TV", "TV (2)", ...), so every device's
 * Sign out button has its own accessible name.
 */
export function uniqueLabels(names: readonly string[]): string[] {
  const originals = new Set(names);
  const taken = new Set<string>();
  return names.map((name) => {
    let label = name;
    for (let n = 2; taken.has(label); n++) {
      label = `${name} (${n})`;
      // Never hand out a label that another device already has as its own name.
      if (originals.has(label)) label = name;
    }
    taken.add(label);
    return label;
  });
}

function deviceItem(d: DeviceSummary, label: string, csrf: string) {
  const details = [d.platform, d.location, `Last active ${formatAgo(d.lastActiveAt)}`];
  return html`<li class="device">
  <div class="device-main">
    <strong>${d.name}</strong>${d.current ? html` <span class="tag">This browser</span>` : ''}<br>
    <span class="sub">${details.join(' · ')}</span>
    ${d.lastProfile ? html`<br><span class="sub">Last profile: ${d.lastProfile}</span>` : ''}
  </div>
  <form method="post" action="/account/devices/sign-out">${csrfField(csrf)}<input type="hidden" name="deviceId" value="${d.id}"><button class="secondary small" type="submit" aria-label="Sign out ${label}">Sign out</button></form>
</li>`;
}

function passwordSection(csrf: string, state: PasswordFormState = {}) {
  const checked = state.signOutAll ?? true;
  return html`<section aria-labelledby="password-heading">
  <h2 id="password-heading">Change password</h2>
  ${state.error ? html`<p class="alert" role="alert">${state.error}</p>` : ''}
  <form class="stack" method="post" action="/account/password">
    ${csrfField(csrf)}
    <label for="current-password">Current password</label>
    <input id="current-password" name="currentPassword" type="password" autocomplete="current-password" required maxlength="1024">
    <label for="new-password">New password</label>
    <input id="new-password" name="newPassword" type="password" autocomplete="new-password" required maxlength="1024" aria-describedby="new-password-hint">
    <p id="new-password-hint" class="sub">At least 8 characters.</p>
    <div class="check">
      <input id="sign-out-all-devices" name="signOutAllDevices" type="checkbox" value="yes"${checked ? html` checked` : ''}>
      <label for="sign-out-all-devices">Sign out of all devices</label>
    </div>
    <button type="submit">Change password</button>
  </form>
</section>`;
}

/** The account overview. */
export function accountPage(input: AccountPageInput): string {
  const { account, devices, csrf } = input;
  const signOut = html`<form method="post" action="/account/sign-out">${csrfField(csrf)}<button class="link-button" type="submit">Sign out</button></form>`;
  const labels = uniqueLabels(devices.map((d) => (d.current ? 'this browser' : d.name)));
  return page(
    'Account',
    html`<h1>Account</h1>
${input.status ? html`<p class="notice" role="status">${input.status}</p>` : ''}
<section aria-labelledby="membership-heading">
  <h2 id="membership-heading">Membership</h2>
  <dl>
    <dt>Email</dt><dd>${account.email}</dd>
    <dt>Plan</dt><dd>${account.plan} (${screensText(planOf(account.plan))})</dd>
    <dt>Member since</dt><dd>${formatMemberSince(account.memberSince)}</dd>
  </dl>
</section>
<section aria-labelledby="devices-heading">
  <h2 id="devices-heading">Signed-in devices</h2>
  <ul class="plain">${devices.map((d, i) => deviceItem(d, labels[i]!, csrf))}</ul>
</section>
${passwordSection(csrf, input.password)}
<section aria-labelledby="settings-heading">
  <h2 id="settings-heading">Settings</h2>
  <a class="settings-link" href="/activate">Sign in a TV with a code</a>
  <a class="settings-link" href="/account/sign-out-all">Sign out of all devices</a>
</section>`,
    { header: signOut, wide: true },
  );
}
