import { lazy, type ComponentType } from 'react';
import type { SupplierMessageKey } from './i18n/index.js';

/**
 * The portal's pages: the nav and the routing read this list. A supplier sees every page (the server shows each only
 * their own counters). A page with `param` also answers its path followed by one segment (statements/JS202611-C001).
 */
export interface PortalPage {
  path: string;
  titleKey: SupplierMessageKey;
  component: ComponentType<{ param?: string }>;
  /** Listed in the nav (a detail page is reached from its list). */
  nav: boolean;
}

const page = (load: () => Promise<{ default: ComponentType<{ param?: string }> }>) => lazy(load);

export const PORTAL_PAGES: readonly PortalPage[] = [
  { path: 'statements', titleKey: 'nav.statements', nav: true, component: page(() => import('./pages/StatementsPage.js')) },
  { path: 'fee-bills', titleKey: 'nav.feeBills', nav: true, component: page(() => import('./pages/FeeBillsPage.js')) },
  { path: 'sales', titleKey: 'nav.sales', nav: true, component: page(() => import('./pages/SalesPage.js')) },
  { path: 'promotions', titleKey: 'nav.promotions', nav: true, component: page(() => import('./pages/PromotionsPage.js')) },
  { path: 'supplies', titleKey: 'nav.supplies', nav: true, component: page(() => import('./pages/SuppliesPage.js')) },
  { path: 'notices', titleKey: 'nav.notices', nav: true, component: page(() => import('./pages/NoticesPage.js')) },
  { path: 'feedback', titleKey: 'nav.feedback', nav: true, component: page(() => import('./pages/FeedbackPage.js')) },
];

/** The statement detail: statements/<number>. */
export const STATEMENT_PAGE: PortalPage = {
  path: 'statements',
  titleKey: 'nav.statement',
  nav: false,
  component: page(() => import('./pages/StatementPage.js')),
};

export const HOME = 'statements';

/** The page at a path and its one parameter, or null. */
export function pageAt(path: string): { page: PortalPage; param?: string } | null {
  const exact = PORTAL_PAGES.find((p) => p.path === path);
  if (exact) return { page: exact };
  const m = /^statements\/([^/]+)$/.exec(path);
  if (m?.[1]) {
    try {
      return { page: STATEMENT_PAGE, param: decodeURIComponent(m[1]) };
    } catch {
      return null;
    }
  }
  return null;
}
