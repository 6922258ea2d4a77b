/** Each sign-in problem gets its own message, and the form keeps the email (never the password). */
import { expect, shot, test } from './fixtures';

test('wrong password, unknown email and empty fields each say what is wrong', async ({ app }) => {
  const { page } = app;
  const email = page.getByLabel('Email');
  const password = page.getByLabel('Password');
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });

  await submit.click();
  await expect(page.getByRole('alert')).toContainText('Enter your email.');

  await email.fill('demo@couchside.test');
  await submit.click();
  await expect(page.getByRole('alert')).toContainText('Enter your password.');

  await password.fill('not-the-password');
  await submit.click();
  await expect(page.getByRole('alert')).toContainText('Incorrect password');
  await expect(email).toHaveValue('demo@couchside.test');
  await expect(password).toHaveValue('');
  await shot(page, 'sign-in-wrong-password');

  await email.fill('nobody@couchside.test');
  await password.fill('whatever-password');
  await submit.click();
  await expect(page.getByRole('alert')).toContainText('No account found');
  await expect(email).toHaveValue('nobody@couchside.test');
});

test('a service that is down gets its own message, and the form keeps the email', async ({ app, service }) => {
  const { page } = app;
  await service.stop();
  await page.getByLabel('Email').fill('demo@couchside.test');
  await page.getByLabel('Password').fill('couchside-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText("Can't reach the Couchside service");
  await expect(page.getByLabel('Email')).toHaveValue('demo@couchside.test');
  await shot(page, 'sign-in-unreachable');
});
