import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { apiAs } from './api.js';
import { launchBrowser, STEP_TIMEOUT } from './browser.js';
import { signInHttp } from './launch.js';

export type Viewport = { width: number; height: number };

/**
 * The people of one journey. One Chromium for the whole file; each person gets
 * a browser context of their own (own cookies, own session), Chinese locale,
 * the shared step timeout, and downloads allowed. A width under 500 px is a
 * phone: touch and the mobile meta viewport are on.
 *
 *   const cast = new Cast(baseUrl);
 *   beforeAll(() => cast.open());
 *   afterAll(() => cast.close());
 *   const enterprise = await cast.person();
 *   await journey.step('…', cast.pages, async () => { … });
 */
export class Cast {
  private browser?: Browser;
  private readonly contexts: BrowserContext[] = [];
  private readonly open_: Page[] = [];

  constructor(readonly baseUrl: string) {}

  async open(): Promise<void> {
    this.browser = await launchBrowser();
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => {});
    await this.browser?.close();
  }

  /** Every page opened so far, for `Journey.step` to photograph on failure. */
  readonly pages = (): Page[] => this.open_;

  /** `timezoneId` puts this person's browser in another time zone (e.g. 'America/Los_Angeles'); else the machine's. */
  async person(viewport: Viewport = { width: 1280, height: 900 }, options: { timezoneId?: string } = {}): Promise<Page> {
    if (!this.browser) throw new Error('Cast.open() was not called');
    const phone = viewport.width < 500;
    const context = await this.browser.newContext({ baseURL: this.baseUrl, viewport, locale: 'zh-CN', acceptDownloads: true, isMobile: phone, hasTouch: phone, timezoneId: options.timezoneId });
    context.setDefaultTimeout(STEP_TIMEOUT);
    this.contexts.push(context);
    const page = await context.newPage();
    this.open_.push(page);
    return page;
  }
}

/** Signs in through the login form and waits for the console. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/console/);
}

/**
 * Creates a user as an administrator would, then signs in once with the
 * one-time password and sets `password`, so the journey can sign in normally.
 * Returns the new user's id.
 */
export async function createAccount(
  baseUrl: string,
  admin: Awaited<ReturnType<typeof apiAs>>,
  body: Record<string, unknown>,
  password: string,
): Promise<string> {
  const created = (await admin.post('/api/v1/users', body)) as { user: { id: string }; oneTimePassword: string };
  const first = await signInHttp(baseUrl, body.username as string, created.oneTimePassword);
  const res = await fetch(`${baseUrl}/api/v1/auth/password`, {
    method: 'POST',
    headers: { cookie: first.cookie, 'x-csrf-token': first.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ currentPassword: created.oneTimePassword, newPassword: password }),
  });
  expect(res.status).toBe(200);
  return created.user.id;
}

/** Opens an antd Select by its test id, optionally types to search, and picks the option with exactly `text`. */
export async function choose(page: Page, testId: string, text: string, search?: string): Promise<void> {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(search);
  await page.locator('.ant-select-dropdown:visible').getByText(text, { exact: true }).first().click();
}

/**
 * Types a date into an antd DatePicker input (found by the id its form gives it) and confirms it with `key`:
 * 'Enter' picks the typed value; 'Tab' leaves the input, which keeps it. Use 'Tab' in a form where Enter
 * would also submit the form (the registries entry form), 'Enter' elsewhere.
 */
export async function fillDate(page: Page, id: string, value: string, key: 'Enter' | 'Tab'): Promise<void> {
  const input = page.locator(`input#${id}`);
  await input.click();
  await input.fill(value);
  await input.press(key);
}
