import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildWebApp } from './console.js';
import { SCREENSHOT_DIR } from './pages.js';

export const SUPPLIER_DIR = path.resolve(import.meta.dirname, '..', '..', 'dist', 'supplier');

/** The supplier portal built from the working tree (vite.supplier.config.ts), never a stale dist/supplier. */
export function buildSupplierPortal(): Promise<string> {
  return buildWebApp('vite.supplier.config.ts', SUPPLIER_DIR);
}

/** Page model of the supplier portal (供应商网上平台). */
export class SupplierPortalPage {
  /** What the browser refused under the page's Content-Security-Policy (console-web/csp.ts): must stay empty. */
  readonly cspViolations: string[] = [];

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) this.cspViolations.push(m.text());
    });
  }

  async open(subpath = ''): Promise<this> {
    await this.page.goto(`${this.baseUrl}/supplier/${subpath}`);
    return this;
  }

  /** Types the supplier code and the password, Enter, as a person does. */
  async submitSignIn(code: string, password: string): Promise<void> {
    await this.page.getByTestId('sign-in-code').fill(code);
    await this.page.getByTestId('sign-in-password').fill(password);
    await this.page.getByTestId('sign-in-password').press('Enter');
  }

  /** Signs in with a password already changed: waits for the shell. */
  async signIn(code: string, password: string): Promise<void> {
    await this.submitSignIn(code, password);
    await this.page.getByTestId('supplier-name').filter({ hasText: code }).waitFor({ timeout: 30_000 });
  }

  /** Opens a page through the nav (on a phone, through the menu drawer) and waits for its heading. */
  async go(pagePath: string): Promise<void> {
    const toggle = this.page.getByTestId('nav-open');
    if (await toggle.isVisible()) await toggle.click();
    await this.page.getByTestId(`nav-${pagePath}`).click();
    await this.page.waitForURL(`**/supplier/${pagePath}`);
    await this.page.getByTestId('page-title').waitFor();
  }

  async setLocale(locale: 'zh-CN' | 'en'): Promise<void> {
    await this.page.getByTestId(`locale-${locale}`).click();
    await this.page.waitForFunction((l) => document.documentElement.lang === l, locale);
  }

  /** test-results/screenshots/supplier-NAME-LOCALE.png, once antd's spinners have settled. */
  async screenshot(name: string, locale: string, opts: { fullPage?: boolean } = {}): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await this.page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    // antd's message toasts fade out: the picture is of the page, not of a half-faded toast.
    await this.page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    // Nor of a form message sliding in: every CSS animation and transition has finished.
    // (A spinner's endless animation is not waited for.)
    await this.page
      .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 5_000 })
      .catch(() => undefined);
    const file = path.join(SCREENSHOT_DIR, `supplier-${name}-${locale}.png`);
    await this.page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
    return file;
  }
}
