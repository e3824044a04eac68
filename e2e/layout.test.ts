import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TerminalPage } from './support/pages.js';
import { startSystem, type System } from './support/system.js';
import { order, product } from './support/fixtures.js';
import { eventually } from './support/processes.js';

// A long English name and roles: the header's widest case (issue 9: it wrapped to two rows with a manager signed in).
const manager = { id: 'mgr-lay', name: 'Alexandra Montgomery', roles: ['manager' as const, 'picker' as const, 'packer' as const], pin: '73915286', badge: 'BADGE-0101', active: true };
const SIZES = [{ width: 1366, height: 768 }, { width: 1280, height: 720 }] as const;
const SCREENS = ['orders', 'inventory', 'activity', 'settings', 'picking', 'packing', 'counter', 'couriers', 'lockers', 'dayclose'] as const;

interface Overflow {
  what: string;
  rect: [number, number, number, number];
}

/**
 * What sticks out of the viewport, or is cut off by a container that does not scroll. An element inside a scrolling
 * list may lie below the fold (that is what scrolling is for); anything else must be on screen whole.
 */
async function overflows(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const out: { what: string; rect: [number, number, number, number] }[] = [];
    const offenders = new Set<Element>();
    const scrolls = (el: Element) => {
      const s = getComputedStyle(el);
      return /(auto|scroll)/.test(s.overflowX + s.overflowY);
    };
    const describe = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const text = (el.textContent ?? '').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''} "${text}"`;
    };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.display === 'none' || s.position === 'fixed') continue;
      let inScroller = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (scrolls(p)) {
          inScroller = true;
          break;
        }
      }
      if (inScroller) continue;
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) {
        offenders.add(el);
        // Only the outermost offender of each branch is reported: its children stick out with it.
        if (el.parentElement && offenders.has(el.parentElement)) continue;
        out.push({ what: describe(el), rect: [r.left, r.top, r.right, r.bottom].map(Math.round) as [number, number, number, number] });
      }
    }
    return out;
  });
}

/** The header's items share one row when each one's vertical extent overlaps the first one's. */
async function headerRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const header = document.querySelector('header');
    if (!header) return 0;
    const items = Array.from(header.children).map((c) => c.getBoundingClientRect()).filter((r) => r.height > 0);
    const rows: { top: number; bottom: number }[] = [];
    for (const r of items) {
      const row = rows.find((x) => r.top < x.bottom && r.bottom > x.top);
      if (!row) rows.push({ top: r.top, bottom: r.bottom });
    }
    return rows.length;
  });
}

describe('every screen fits 1366×768 and 1280×720 in both languages', () => {
  let system: System;
  let t: TerminalPage;

  beforeAll(async () => {
    system = await startSystem(
      [{ id: 'S001', name: 'Futian', products: Array.from({ length: 40 }, (_, i) => product(String(2001 + i), 1 + (i % 9))), operators: [manager] }],
      [['S001', 'layout']],
    );
    t = system.pages[0]!;
    for (let i = 0; i < 30; i++) {
      await system.central.postOrder(order('S001', -20 + i * 7, { lines: [{ sku: String(2001 + (i % 40)), name: `Product ${2001 + (i % 40)} with a long descriptive name`, qty: 1 + (i % 3), unitPrice: 990 }] }));
    }
    await t.signIn(manager.id, manager.pin);
    await eventually(async () => (await t.page.locator('[data-testid^="order-row-"]').count()) > 0, 'orders on the queue');
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('has nothing outside the viewport or cut off, and a one-row header, on every screen', async () => {
    const problems: string[] = [];
    for (const size of SIZES) {
      await t.page.setViewportSize(size);
      for (const locale of ['en', 'zh-CN'] as const) {
        await t.setLocale(locale);
        for (const screen of SCREENS) {
          await t.page.getByTestId(`nav-${screen}`).click();
          await t.page.locator(`[data-testid="nav-${screen}"][data-active="true"]`).waitFor();
          // Let lists and lazy parts settle before measuring.
          await t.page.waitForTimeout(300);
          const where = `${screen} ${locale} ${size.width}×${size.height}`;
          const rows = await headerRows(t.page);
          if (rows !== 1) problems.push(`${where}: the header has ${rows} rows`);
          for (const o of await overflows(t.page)) problems.push(`${where}: ${o.what} at ${o.rect.join(',')}`);
          if (size.width === 1366) await t.screenshot(`layout-${screen}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
