/**
 * Three TVs on one account. First one TV signs another out from Settings → Devices. Then one TV
 * loses its network while the account is signed out of all devices from a phone; the others go
 * to sign-in at once, and the one that was cut off goes there as soon as it reconnects, without
 * showing any profile or title first.
 */
import type { Page } from '@playwright/test';
import { STREAM_RETRY_CAP_MS } from '../../electron/core/revocation-watcher';
import type { CouchsideApp } from '../kit/playwright';
import { startCuttableProxy } from '../kit/cuttable-proxy';
import { expect, shot, signIn, signInToAccountPage, test } from './fixtures';

async function tvOn(tv: CouchsideApp): Promise<Page> {
  const page = tv.page;
  await signIn(page);
  await page.getByRole('button', { name: 'Jordan', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  return page;
}

test('one TV signs out another; then a TV cut off during "sign out of all devices" returns to sign-in when it reconnects, before showing anything', async ({
  browser,
  service,
  launchApp,
}) => {
  const proxy = await startCuttableProxy(service.url);
  try {
    const [living, kitchen, den] = await Promise.all([
      launchApp({ deviceName: 'Living room TV' }),
      launchApp({ deviceName: 'Kitchen TV' }),
      launchApp({ deviceName: 'Den TV', serverUrl: proxy.url }),
    ]);
    const livingPage = await tvOn(living);
    const kitchenPage = await tvOn(kitchen);
    const denPage = await tvOn(den);
    await expect.poll(async () => (await service.control.streams()).length).toBe(3);

    // The living room signs the kitchen out from Settings → Devices.
    await livingPage.getByRole('button', { name: 'Settings' }).click();
    await livingPage.getByRole('tab', { name: 'Devices' }).click();
    await livingPage.getByRole('button', { name: 'Manage devices' }).click();
    await livingPage.getByRole('button', { name: 'Sign out Kitchen TV' }).click();
    await livingPage.getByRole('dialog', { name: 'Sign out Kitchen TV?' }).getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(kitchenPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(kitchenPage.getByRole('status')).toContainText('This device was signed out from another device.');
    await expect(livingPage.getByRole('button', { name: 'Sign out Den TV' })).toBeVisible();
    await expect(livingPage.getByRole('button', { name: 'Sign out Kitchen TV' })).toHaveCount(0);
    // Back: Devices → Settings (on "Manage devices") → its section → Home.
    await livingPage.keyboard.press('Escape');
    await expect(livingPage.getByRole('button', { name: 'Manage devices' })).toBeFocused();
    await livingPage.keyboard.press('Escape');
    await expect(livingPage.getByRole('tab', { name: 'Devices' })).toBeFocused();
    await livingPage.keyboard.press('Escape');
    await expect(livingPage.getByRole('button', { name: 'Settings' })).toBeVisible();

    // The kitchen signs back in.
    await signIn(kitchenPage);
    await kitchenPage.getByRole('button', { name: 'Jordan', exact: true }).click();
    await expect(kitchenPage.getByRole('button', { name: 'Settings' })).toBeVisible();
    await expect.poll(async () => (await service.control.streams()).length).toBe(3);

    // The den loses its network: it says so and keeps the viewer where they are.
    proxy.cut();
    await expect(denPage.getByRole('status').filter({ hasText: "Can't reach the Couchside service" })).toBeVisible();
    await expect(denPage.getByRole('button', { name: 'Settings' })).toBeVisible();
    await shot(denPage, 'three-clients-den-offline');

    // Meanwhile, from a phone: sign out of all devices.
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signInToAccountPage(phone, service.url);
    await phone.getByRole('link', { name: 'Sign out of all devices' }).click();
    await phone.getByRole('button', { name: 'Sign out', exact: true }).click();

    for (const page of [livingPage, kitchenPage]) {
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      await expect(page.getByRole('status')).toContainText('You were signed out of all devices');
    }
    // The den heard nothing yet and still shows its (cached) home screen.
    await expect(denPage.getByRole('button', { name: 'Settings' })).toBeVisible();

    // Record everything the den shows from the moment its network comes back.
    await denPage.evaluate(() => {
      const w = window as unknown as { seen: string[] };
      w.seen = [];
      new MutationObserver(() => {
        for (const h of document.querySelectorAll('h1')) w.seen.push(h.textContent ?? '');
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    proxy.restore();
    // The den tries again on its own schedule: its waits between tries grow while it is cut off,
    // up to STREAM_RETRY_CAP_MS (10 s). So "back" means within that long, plus the usual margin.
    await expect(denPage.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: STREAM_RETRY_CAP_MS + 5_000 });
    await expect(denPage.getByRole('status')).toContainText('You were signed out of all devices');
    const seen = await denPage.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen).not.toContain("Who's watching?");
    await shot(denPage, 'three-clients-den-back');
  } finally {
    await proxy.close();
  }
});
