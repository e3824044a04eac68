import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './pages.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CONSOLE_DIR = path.join(ROOT, 'dist', 'console');

/**
 * Builds the console from the working tree (vite.console.config.ts) so the test drives the pages as they are now,
 * never a stale dist/console from an earlier checkout.
 */
export function buildConsole(): Promise<string> {
  return buildWebApp('vite.console.config.ts', CONSOLE_DIR);
}

/** Builds one of the web apps (its vite config) into outDir with the production build; answers outDir. */
export async function buildWebApp(configFile: string, outDir: string): Promise<string> {
  const { build } = await import('vite');
  const before = process.env.NODE_ENV;
  // The production build, whatever NODE_ENV the runner set (React's development build would be served otherwise).
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(ROOT, configFile), logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = before;
  }
  if (!existsSync(path.join(outDir, 'index.html'))) throw new Error(`vite finished but ${outDir}/index.html is missing`);
  return outDir;
}

/** Page model of the head-office console. */
export class ConsolePage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(subpath = ''): Promise<this> {
    await this.page.goto(`${this.baseUrl}/console/${subpath}`);
    return this;
  }

  /** Signs in as a person does: type the name, the password, Enter. Waits for the shell. */
  async signIn(name: string, password: string): Promise<void> {
    await this.page.getByTestId('sign-in-name').fill(name);
    await this.page.getByTestId('sign-in-password').fill(password);
    await this.page.getByTestId('sign-in-password').press('Enter');
    await this.page.getByTestId('user-name').filter({ hasText: name }).waitFor({ timeout: 30_000 });
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('sign-out').click();
    await this.page.getByTestId('sign-in').waitFor();
  }

  /** The nav's page paths, in order. */
  async navPaths(): Promise<string[]> {
    const ids = await this.page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    return ids.map((id) => id.slice('nav-'.length));
  }

  /** Opens a page through the nav (a click on its link, as a person does) and waits for its heading. */
  async go(pagePath: string): Promise<void> {
    await this.page.getByTestId(`nav-${pagePath}`).click();
    await this.page.waitForURL(`**/console/${pagePath}`);
    await this.page.getByTestId('page-title').waitFor();
  }

  async setLocale(locale: 'zh-CN' | 'en'): Promise<void> {
    await this.page.getByTestId(`locale-${locale}`).click();
    await this.page.waitForFunction((l) => document.documentElement.lang === l, locale);
  }

  /** test-results/screenshots/console-NAME-LOCALE.png, once antd's spinners have settled. */
  async screenshot(name: string, locale: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await this.page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    const file = path.join(SCREENSHOT_DIR, `console-${name}-${locale}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}
