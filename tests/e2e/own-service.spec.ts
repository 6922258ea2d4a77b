/**
 * Couchside with a service it started itself, as people install it (`ownService`): on Electron the
 * app starts the mock service in a utilityProcess (no --server-url); in the web host the host is
 * handed the service `npm start` started. Settings → About says where the service and its account
 * page are (with a QR code); that account page signs the TV out; "Let phones on this network open
 * the account page" opens it on the local network and closes it again.
 */
import type { Page } from '@playwright/test';
import { lanAddresses } from '../../server/service';
import { expect, shot, signIn, signInToAccountPage, test } from './fixtures';

/** Signs in, picks Sam, opens Settings → About; returns the panel. */
async function openAbout(page: Page) {
  await signIn(page);
  await page.getByRole('button', { name: 'Sam', exact: true }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'About' }).click();
  const panel = page.getByRole('tabpanel', { name: 'About' });
  await expect(panel.getByText('Started by this app')).toBeVisible();
  return panel;
}

/** The service's base URL as About shows it (the account page's address without /account). */
async function accountPageShown(panel: ReturnType<Page['getByRole']>): Promise<string> {
  const text = (await panel.getByText(/^http:\/\/[^ ]+\/account$/).first().textContent()) ?? '';
  return text.replace(/\/account$/, '');
}

test('About shows the service this app started and its account page, which signs every TV out', async ({ launchApp, browser }) => {
  const app = await launchApp({ ownService: true });
  const { page } = app;
  const panel = await openAbout(page);
  await expect(panel.getByRole('img', { name: /^QR code for the account page, http:\/\/127\.0\.0\.1:\d+\/account$/ })).toBeVisible();
  await expect(panel.getByRole('switch', { name: 'Let phones on this network open the account page' })).toHaveAttribute('aria-checked', 'false');
  await shot(page, 'about-own-service');
  const base = await accountPageShown(panel);
  expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  // The account page at that address, in a browser on this computer: sign out of all devices.
  const laptop = await browser.newContext();
  const account = await laptop.newPage();
  await signInToAccountPage(account, base);
  await account.getByRole('link', { name: 'Sign out of all devices' }).click();
  await account.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(account.getByRole('heading', { name: 'Signed out of all devices' })).toBeVisible();
  await laptop.close();

  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('You were signed out of all devices');
});

const lan = lanAddresses();
test('"Let phones on this network open the account page" opens it at the LAN address with a QR code, and closes it again', async ({
  launchApp,
  browser,
}) => {
  test.skip(lan.length === 0, 'This machine has no local-network address to open the service on.');
  const app = await launchApp({ ownService: true });
  const { page } = app;
  const panel = await openAbout(page);
  const local = await accountPageShown(panel);
  const port = new URL(local).port;
  const lanSwitch = panel.getByRole('switch', { name: 'Let phones on this network open the account page' });
  await expect(lanSwitch).toHaveAttribute('aria-checked', 'false');
  await expect(panel.getByText(/no TLS/)).toBeVisible();

  await lanSwitch.press('Enter');
  await expect(lanSwitch).toHaveAttribute('aria-checked', 'true');
  const lanAccount = `http://${lan[0]}:${port}/account`;
  await expect(panel.getByText(lanAccount, { exact: true })).toBeVisible();
  await expect(panel.getByRole('img', { name: `QR code for the account page, ${lanAccount}` })).toBeVisible();
  await expect(panel.getByText('Scan with a phone on this network')).toBeVisible();
  await shot(page, 'about-lan-on');

  // A phone on the network opens the account page at that address.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phonePage = await phone.newPage();
  await signInToAccountPage(phonePage, `http://${lan[0]}:${port}`);
  await phone.close();

  // Off again: the network address no longer answers; this computer still does.
  await lanSwitch.press('Enter');
  await expect(lanSwitch).toHaveAttribute('aria-checked', 'false');
  await expect(panel.getByText(`${local}/account`, { exact: true })).toBeVisible();
  await expect(fetch(lanAccount)).rejects.toThrow();
  expect((await fetch(`${local}/account/login`)).status).toBe(200);
});
