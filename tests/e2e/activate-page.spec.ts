/**
 * The account page's activation page from a phone: open the TV's QR link, sign in to the account,
 * confirm the code, and the TV's next poll signs it in. (The TV's own code screen is tested with
 * the renderer; this drives only the service and a phone-sized browser.)
 */
import type { DeviceCodeResponse } from '../../shared/api';
import { API } from '../../shared/api';
import { DEMO, expect, test } from '../kit/playwright';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function requestCode(serviceUrl: string): Promise<DeviceCodeResponse> {
  const res = await fetch(serviceUrl + API.deviceCode, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ device: { name: 'Bedroom TV', platform: 'linux', appVersion: '0.0.0-test' } }),
  });
  return (await res.json()) as DeviceCodeResponse;
}

const poll = async (serviceUrl: string, deviceCode: string) =>
  (await fetch(serviceUrl + API.deviceToken, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deviceCode }) })).status;

test('@web-only a phone approves a TV code from the QR link', async ({ browser, service }) => {
  const code = await requestCode(service.url);
  const phone = await browser.newContext(PHONE);
  const page = await phone.newPage();

  await page.goto(code.verificationUriComplete);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Sign in to your Couchside account to sign in your TV.');
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByLabel('Password').fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'Sign in a TV' })).toBeVisible();
  await expect(page.getByLabel('Enter the code shown on your TV')).toHaveValue(code.userCode);
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Sign in Bedroom TV?' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('activate-confirm-phone.png') });
  expect(await poll(service.url, code.deviceCode)).toBe(400);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your TV is signed in' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('activate-done-phone.png') });
  await expect.poll(() => poll(service.url, code.deviceCode), { timeout: 15_000, intervals: [5_000] }).toBe(200);
  await phone.close();
});

test('@web-only a mistyped code gets a message on the same form; Deny declines the TV', async ({ browser, service }) => {
  const code = await requestCode(service.url);
  const phone = await browser.newContext(PHONE);
  const page = await phone.newPage();
  await page.goto(`${service.url}/account/login`);
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByLabel('Password').fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('link', { name: 'Sign in a TV with a code' }).click();

  const field = page.getByLabel('Enter the code shown on your TV');
  await expect(field).toHaveValue('');
  await field.fill('BBBB-BBBB');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toHaveText("That code isn't right. Check the code on your TV and try again.");
  await expect(field).toHaveValue('BBBB-BBBB');
  await page.screenshot({ path: test.info().outputPath('activate-error-phone.png') });

  await field.fill(code.userCode.toLowerCase());
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByRole('heading', { name: 'Sign-in declined' })).toBeVisible();
  await phone.close();
});
