import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { ROOT } from './api-process';

// The browser tests drive Debian's Chromium (apt-get install chromium) through playwright-core.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');
const WEB_INDEX = join(ROOT, 'dist/web/index.html');

const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    // Installed packages are not the workspace's code (and may be a link that points nowhere).
    if (entry.name === 'node_modules') return latest;
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);

/** Builds the workspace when dist/web is missing or older than apps/web, so that the test runs the code under review. */
export const ensureWebBuilt = (): void => {
  if (existsSync(WEB_INDEX) && statSync(WEB_INDEX).mtimeMs >= newest(join(ROOT, 'apps/web'))) return;
  execFileSync('npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'pipe', timeout: 150_000 });
};

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });

/** A fresh tab of its own (its own sessionStorage), in English unless told, with a fixed time zone for stable text. */
export const newPage = async (browser: Browser, base: string, locale = 'en-GB'): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ baseURL: base, locale, timezoneId: 'Europe/Sofia', viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  // Nothing the page does may be blocked by the Content-Security-Policy or throw.
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) problems.push(message.text());
  });
  (page as Page & { problems: string[] }).problems = problems;
  return { context, page };
};

export const problemsOf = (page: Page): string[] => (page as Page & { problems?: string[] }).problems ?? [];

/** Signs in on the sign-in page with the keyboard only: the token field, then Enter. */
export const signIn = async (page: Page, token: string, path = '/'): Promise<void> => {
  await page.goto(path);
  const field = page.getByLabel(/API token|API токен|API-токен|رمز API|API տոկեն/);
  await field.focus();
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
  await page.locator('header.top nav').waitFor();
};

/** axe-core's serious and critical violations of WCAG 2.1 A/AA on the page as it is now. */
export const seriousViolations = async (page: Page): Promise<Array<{ id: string; impact: string | null | undefined; targets: string[] }>> => {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => node.target.join(' ')) }));
};

export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
};
