/** Playwright fixtures: each test gets its own mock service and a web-host client (fresh temp dirs). */
import { test as base, expect, type Page } from '@playwright/test';
import { removeDir, startTestClient, startTestService, type TestClient, type TestClientOptions, type TestService } from '../kit/harness';

export { expect };

export const DEMO = { email: 'demo@couchside.test', password: 'couchside-demo' } as const;

type Fixtures = {
  service: TestService;
  /** Starts extra clients (more TVs); all are stopped and their dirs removed after the test. */
  launchClient: (opts?: TestClientOptions) => Promise<TestClient>;
  client: TestClient;
};

export const test = base.extend<Fixtures>({
  service: async ({}, use) => {
    const service = await startTestService();
    await use(service);
    await service.stop();
  },
  launchClient: async ({ service }, use) => {
    const started: TestClient[] = [];
    await use(async (opts) => {
      const c = await startTestClient(service.url, opts);
      started.push(c);
      return c;
    });
    for (const c of started) await c.stop().catch(() => {});
    for (const dir of new Set(started.map((c) => c.userDataDir))) removeDir(dir);
  },
  client: async ({ launchClient }, use) => {
    await use(await launchClient());
  },
});

/** Signs in on the Couchside sign-in screen the way a person would. */
export async function signIn(page: Page, email: string = DEMO.email, password: string = DEMO.password): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign In' }).click();
}

/** Signs in on the service's account web page (a phone or laptop browser). */
export async function signInToAccountPage(page: Page, serviceUrl: string): Promise<void> {
  await page.goto(`${serviceUrl}/account`);
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByLabel('Password').fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await expect(page.getByRole('heading', { name: 'Account', exact: true })).toBeVisible();
}

/** Saves a screenshot under test-results/screens/ for a person to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, animations: 'disabled' });
}
