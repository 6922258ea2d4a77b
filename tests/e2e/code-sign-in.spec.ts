/**
 * Sign in with a code on the TV, the parts a phone does not show: an expired code is replaced on
 * screen by itself, and a code denied on the account page says so on the TV, with "Try again".
 * Portable: the service side is driven through the control API.
 */
import type { Page } from '@playwright/test';
import { DEMO, expect, test } from '../kit/playwright';
import { remote } from '../kit/remote';

/** The code on screen, as a screen reader reads it ("Your code is B C D F, G H J K"). */
async function codeOnScreen(page: Page, timeout?: number): Promise<string> {
  const spoken = page.getByText(/^Your code is /);
  await expect(spoken).toHaveText(/^Your code is ([A-Z] ){3}[A-Z], ([A-Z] ){3}[A-Z]$/, { timeout });
  const letters = (await spoken.textContent())!.replace('Your code is ', '').replace(/[^A-Z]/g, '');
  return `${letters.slice(0, 4)}-${letters.slice(4)}`;
}

test('an expired code is replaced on screen, and the new one signs the TV in', async ({ app, service }) => {
  const { page } = app;
  await remote.select(page, page.getByRole('button', { name: 'Sign in with a code' }));
  const first = await codeOnScreen(page);
  expect((await service.control.deviceCodes()).map((c) => c.userCode)).toEqual([first]);

  await service.control.expireDeviceCode(first);
  await expect(page.getByText('The code expired; here is a new one.')).toBeVisible();
  await expect(page.getByText(/^Your code is /)).not.toHaveText(`Your code is ${first}`);
  const second = await codeOnScreen(page);
  expect(second).not.toBe(first);
  await expect(page.getByText(/^Code expires in (10:00|9:\d\d)$/)).toBeVisible();

  // The old code is dead on the service; the new one works.
  await expect(service.control.approveDeviceCode(first, DEMO.email)).rejects.toMatchObject({ status: 409 });
  await service.control.approveDeviceCode(second, DEMO.email);
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
});

test('a code denied on the account page says so on the TV; "Try again" gets a new code', async ({ app, service, browser }) => {
  const { page } = app;
  await remote.select(page, page.getByRole('button', { name: 'Sign in with a code' }));
  const code = await codeOnScreen(page);

  // Someone on the account page denies it.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const p = await phone.newPage();
    await p.goto(`${service.url}/activate?code=${code}`);
    await p.getByLabel('Email').fill(DEMO.email);
    await p.getByLabel('Password').fill(DEMO.password);
    await p.getByRole('button', { name: 'Sign in', exact: true }).click();
    await p.getByRole('button', { name: 'Continue' }).click();
    await p.getByRole('button', { name: 'Deny' }).click();
    await expect(p.getByRole('heading', { name: 'Sign-in declined' })).toBeVisible();
  } finally {
    await phone.close();
  }

  await expect(page.getByRole('alert')).toHaveText('The sign-in was declined on the account page.');
  const retry = page.getByRole('button', { name: 'Try again' });
  await expect(retry).toBeFocused();
  await page.screenshot({ path: 'test-results/screens/code-sign-in-declined.png', animations: 'disabled' });
  await page.keyboard.press('Enter');
  const fresh = await codeOnScreen(page);
  expect(fresh).not.toBe(code);
});

test('opened while the service is down, the code screen says so and shows a code by itself once it is back', async ({ app, service }) => {
  const { page } = app;
  await service.control.outage('down', { forMs: 600_000 });
  await remote.select(page, page.getByRole('button', { name: 'Sign in with a code' }));
  await expect(page.getByRole('status').filter({ hasText: "Can't reach Couchside right now. Still trying…" })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await service.control.outage('normal');
  // No key pressed: the next try gets a code. The TV waits between half and all of the service's
  // default 5 s interval before it (the product's backoff, not a guess), so allow the whole 5 s
  // plus the default expect time.
  const code = await codeOnScreen(page, 10_000);
  await expect(page.getByText("Can't reach Couchside right now. Still trying…")).toHaveCount(0);
  await service.control.approveDeviceCode(code, DEMO.email);
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
});
