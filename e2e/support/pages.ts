import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

/** Where end-to-end screenshots go, to be looked at after a run (test-results/ is not committed). */
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots');

/** Page model of a terminal's order queue, detail and sync indicator. */
export class TerminalPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<this> {
    await this.page.goto(url);
    await this.page.getByTestId('sync-indicator').waitFor({ timeout: 60_000 });
    return this;
  }

  /** Signs in the way a person does: choose the name, type the PIN, Enter. */
  async signIn(operatorId: string, pin: string): Promise<void> {
    await this.page.getByTestId(`signin-operator-${operatorId}`).click({ timeout: 60_000 });
    // Issue 9: the list once marked the clicked row and the arrow-key row at the same time.
    const marked = await this.page.locator('[data-testid^="signin-operator-"][data-highlighted="true"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    if (marked.length !== 1 || marked[0] !== `signin-operator-${operatorId}`) throw new Error(`the sign-in list marks ${JSON.stringify(marked)}, not just the chosen operator`);
    await this.page.getByTestId('pin-input').fill(pin);
    await this.page.getByTestId('pin-input').press('Enter');
    await this.page.locator(`[data-testid="current-operator"][data-operator-id="${operatorId}"]`).waitFor({ timeout: 30_000 });
  }

  /**
   * A barcode scan as a keyboard wedge sends it: the characters and Enter in one burst. Dispatched inside the page
   * so the gaps between keys stay far below the detector's threshold even on a loaded CI machine.
   */
  async scan(code: string): Promise<void> {
    // A field that keeps every key (free text, an order id box) receives the scan as typing, then Enter.
    const intoField = await this.page.evaluate(() => document.activeElement?.closest('[data-scan-passthrough="true"]') != null);
    if (intoField) {
      await this.page.keyboard.insertText(code);
      await this.page.keyboard.press('Enter');
      return;
    }
    await this.page.evaluate((text) => {
      const target = document.activeElement ?? document.body;
      for (const key of [...text.split(''), 'Enter']) {
        target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        target.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, cancelable: true }));
      }
    }, code);
  }

  /**
   * A scan as a keyboard wedge types it through the browser's input pipeline: trusted key events `delayMs` apart,
   * the scanner's prefix first (if it sends one), Enter last. With a prefix the terminal reads it however late the
   * keys arrive; without one, a loaded machine can make the keys arrive too slowly to count as a scan.
   */
  async wedge(code: string, opts: { prefix?: string; delayMs?: number } = {}): Promise<void> {
    await this.page.keyboard.type(`${opts.prefix ?? ''}${code}`, { delay: opts.delayMs ?? 5 });
    await this.page.keyboard.press('Enter');
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('signout').click();
    await this.page.getByTestId('pin-input').or(this.page.locator('[data-testid^="signin-operator-"]').first()).waitFor({ timeout: 30_000 });
  }

  /** Waits until an element with this test id carries the attribute value. */
  async waitAttr(testId: string, attr: string, value: string, timeout = 30_000): Promise<void> {
    await this.page.locator(`[data-testid="${testId}"][${attr}="${value}"]`).waitFor({ timeout });
  }

  /** The attribute now, without waiting for the element: null when it is not on screen. */
  async snapshotAttr(testId: string, attr: string): Promise<string | null> {
    return this.page.evaluate(([id, name]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute(name) ?? null, [testId, attr] as const);
  }

  async attr(testId: string, attr: string): Promise<string | null> {
    return this.page.getByTestId(testId).getAttribute(attr);
  }

  row(orderId: string) {
    return this.page.getByTestId(`order-row-${orderId}`);
  }

  /** A screenshot at the terminal's 1366×768, in the language on screen; returns the file. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const lang = await this.page.evaluate(() => document.documentElement.lang || 'unknown');
    const path = resolve(SCREENSHOT_DIR, `${name}.${lang}.png`);
    await this.page.setViewportSize({ width: 1366, height: 768 });
    // Dialogs zoom in: the picture is of what the operator reads once they have.
    await this.page.screenshot({ path, animations: 'disabled' });
    return path;
  }

  /** Switches the terminal's language as a user does, with the switch in the header. */
  async setLocale(locale: 'en' | 'zh-CN'): Promise<void> {
    const option = this.page.getByTestId('locale-switch').getByTestId(`locale-${locale}`);
    // A click that lands while the header re-renders can be lost: click again until the page says the language.
    for (let attempt = 0; ; attempt++) {
      if ((await this.page.evaluate(() => document.documentElement.lang)) === locale) return;
      await option.click();
      const switched = await this.page
        .waitForFunction((l) => document.documentElement.lang === l, locale, { timeout: 5_000 })
        .then(() => true, () => false);
      if (switched) return;
      if (attempt >= 3) throw new Error(`the terminal did not switch to ${locale}`);
    }
  }

  async waitOnline(online: boolean): Promise<void> {
    await this.page.locator(`[data-testid="sync-indicator"][data-online="${online}"]`).waitFor({ timeout: 60_000 });
  }

  async waitPending(n: number): Promise<void> {
    await this.page.locator(`[data-testid="sync-indicator"][data-pending="${n}"]`).waitFor({ timeout: 60_000 });
  }

  async pending(): Promise<number> {
    return Number(await this.page.getByTestId('sync-indicator').getAttribute('data-pending'));
  }

  async search(orderId: string): Promise<void> {
    await this.page.getByTestId('order-search').fill(orderId);
  }

  async openOrder(orderId: string): Promise<void> {
    await this.row(orderId).click();
    await this.page.getByTestId('order-detail').waitFor();
  }

  async act(eventType: string): Promise<void> {
    await this.page.getByTestId(`action-${eventType}`).click();
  }

  async waitDetailStatus(status: string): Promise<void> {
    await this.page.locator(`[data-testid="detail-status"][data-status="${status}"]`).waitFor({ timeout: 30_000 });
  }

  async waitRowStatus(orderId: string, status: string): Promise<void> {
    await this.page.locator(`[data-testid="order-row-${orderId}"][data-status="${status}"]`).waitFor({ timeout: 60_000 });
  }
}
