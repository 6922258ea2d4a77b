/**
 * The test kit's own features, end to end and portable (web host and Electron): seeding named
 * accounts, a temp data dir for the service, signing one device out and taking the service down
 * through the typed control client; and that the README's example is the real example.spec.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../kit/harness';
import { expect, signIn, test, type SeedAccount } from '../kit/playwright';

const ANA: SeedAccount = {
  email: 'ana@couchside.test',
  password: 'ana-password-1',
  profiles: [{ name: 'Ana', avatar: 'owl' }, { name: 'Little Ana', kids: true }],
};

test.describe('with a seeded account and the service on a temp data dir', () => {
  test.use({ seed: [ANA], serviceDataDir: 'temp' });

  test('the seeded account signs in, and the control client signs just this device out', async ({ app, service }) => {
    const { page } = app;
    expect(service.dataDir).not.toBeNull();
    expect(existsSync(join(service.dataDir ?? '', 'couchside.db'))).toBe(true);

    await signIn(page, ANA.email, ANA.password);
    await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Little Ana', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Ana', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();

    // Find this device by its open stream, then sign it out as another device would.
    await expect.poll(async () => (await service.control.streams()).map((s) => s.lastProfile)).toEqual(['Ana']);
    const [stream] = await service.control.streams();
    expect(stream?.accountEmail).toBe(ANA.email);
    expect(await service.control.revokeDevice({ deviceId: stream?.deviceId ?? '' })).toBe(1);

    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('This device was signed out from another device.');
  });
});

test('while the service is down the app says so and keeps the viewer where they are, then carries on', async ({ app, service }) => {
  const { page } = app;
  await signIn(page);
  await page.getByRole('button', { name: 'Sam', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  await expect.poll(async () => (await service.control.streams()).length).toBe(1);

  const outage = await service.control.outage('down', { forMs: 60_000 });
  expect(outage).toMatchObject({ mode: 'down', streamsClosed: 1 });
  const banner = page.getByRole('status').filter({ hasText: "Can't reach the Couchside service" });
  await expect(banner).toBeVisible();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();

  await service.control.outage('normal');
  await expect(banner).toHaveCount(0, { timeout: 20_000 });
  await expect.poll(async () => (await service.control.streams()).length, { timeout: 20_000 }).toBe(1);
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
});

test('the README shows example.spec.ts exactly as it is', { tag: '@web-only' }, () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const example = readFileSync(join(ROOT, 'tests/e2e/example.spec.ts'), 'utf8');
  expect(readme).toContain('```ts\n' + example + '```');
});
