import { lazy, type ComponentType } from 'react';
import type { ConsoleRole } from '../shared/auth-api.js';
import type { MessageKey } from '../shared/i18n/index.js';

/**
 * The console's pages, one entry each: the nav, the routing and the role check all read this list, so a page is
 * added by adding its entry here (and its title to console/shared/i18n). A page is shown in the nav, and opened,
 * only for the roles it names; the server checks the role again on every call, this only keeps the nav honest.
 */
export interface ConsolePage {
  /** Below /console/, no leading or trailing slash: 'admin/stores'. */
  path: string;
  /** The nav section it is listed under. */
  group: NavGroupId;
  /** Its nav label and page heading. */
  titleKey: MessageKey;
  roles: readonly ConsoleRole[];
  component: ComponentType;
  /** Reached from another page, not listed in the nav. */
  hidden?: boolean;
}

export type NavGroupId = 'admin' | 'reconciliation' | 'reports' | 'settlement';

/** The nav's sections, in order; a section with no page the role may use is not shown. */
export const NAV_GROUPS: readonly { id: NavGroupId; titleKey: MessageKey }[] = [
  { id: 'reconciliation', titleKey: 'nav.reconciliation' },
  { id: 'reports', titleKey: 'nav.reports' },
  { id: 'settlement', titleKey: 'nav.settlement' },
  { id: 'admin', titleKey: 'nav.admin' },
];

const FINANCE: readonly ConsoleRole[] = ['admin', 'finance'];
const READERS: readonly ConsoleRole[] = ['admin', 'finance', 'manager'];
const ADMIN: readonly ConsoleRole[] = ['admin'];

// Pages load on first use: a finance user never downloads the admin screens, nor anyone the charts they do not open.
const page = (load: () => Promise<{ default: ComponentType }>) => lazy(load);

export const CONSOLE_PAGES: readonly ConsolePage[] = [
  { path: 'reconciliation/exceptions', group: 'reconciliation', titleKey: 'nav.exceptions', roles: READERS, component: page(() => import('./pages/reconciliation/ExceptionsPage.js')) },
  { path: 'reconciliation/import', group: 'reconciliation', titleKey: 'nav.importBill', roles: FINANCE, component: page(() => import('./pages/reconciliation/ImportBillPage.js')) },
  { path: 'reconciliation/bills', group: 'reconciliation', titleKey: 'nav.bills', roles: READERS, component: page(() => import('./pages/reconciliation/BillsPage.js')) },
  { path: 'reports/sales', group: 'reports', titleKey: 'nav.salesReport', roles: READERS, component: page(() => import('./reports/SalesReportPage.js')) },
  { path: 'reports/payments', group: 'reports', titleKey: 'nav.paymentsReport', roles: READERS, component: page(() => import('./reports/PaymentsReportPage.js')) },
  { path: 'reports/exceptions', group: 'reports', titleKey: 'nav.exceptionsReport', roles: READERS, component: page(() => import('./reports/ExceptionsReportPage.js')) },
  { path: 'reports/day-close', group: 'reports', titleKey: 'nav.dayCloseReport', roles: READERS, component: page(() => import('./reports/DayCloseReportPage.js')) },
  { path: 'reports/periods', group: 'reports', titleKey: 'nav.periods', roles: READERS, component: page(() => import('./reports/PeriodsPage.js')) },
  // Concessions: the statements first (finance's monthly work), the master data, then the supplier portal's accounts,
  // notices and feedback (settlement-statements/).
  { path: 'settlement/statements', group: 'settlement', titleKey: 'nav.statements', roles: FINANCE, component: page(() => import('./settlement-statements/StatementsPage.js')) },
  { path: 'settlement/statement', group: 'settlement', titleKey: 'nav.statement', roles: FINANCE, hidden: true, component: page(() => import('./settlement-statements/StatementDetailPage.js')) },
  // Concessions: the master data (settlement/*). A manager sees the counters of their stores, nothing else here.
  { path: 'settlement/suppliers', group: 'settlement', titleKey: 'nav.suppliers', roles: FINANCE, component: page(() => import('./settlement/SuppliersPage.js')) },
  { path: 'settlement/counters', group: 'settlement', titleKey: 'nav.counters', roles: READERS, component: page(() => import('./settlement/CountersPage.js')) },
  { path: 'settlement/contracts', group: 'settlement', titleKey: 'nav.contracts', roles: FINANCE, component: page(() => import('./settlement/ContractsPage.js')) },
  { path: 'settlement/promotions', group: 'settlement', titleKey: 'nav.promotions', roles: FINANCE, component: page(() => import('./settlement/PromotionsPage.js')) },
  { path: 'settlement/fee-bills', group: 'settlement', titleKey: 'nav.feeBills', roles: FINANCE, component: page(() => import('./settlement/FeeBillsPage.js')) },
  { path: 'settlement/supplies', group: 'settlement', titleKey: 'nav.supplies', roles: FINANCE, component: page(() => import('./settlement/SuppliesPage.js')) },
  { path: 'settlement/pos-import', group: 'settlement', titleKey: 'nav.posImport', roles: FINANCE, component: page(() => import('./settlement/PosImportPage.js')) },
  { path: 'settlement/supplier-accounts', group: 'settlement', titleKey: 'nav.supplierAccounts', roles: FINANCE, component: page(() => import('./settlement-statements/SupplierAccountsPage.js')) },
  { path: 'settlement/notices', group: 'settlement', titleKey: 'nav.supplierNotices', roles: FINANCE, component: page(() => import('./settlement-statements/NoticesPage.js')) },
  { path: 'settlement/feedback', group: 'settlement', titleKey: 'nav.supplierFeedback', roles: FINANCE, component: page(() => import('./settlement-statements/FeedbackPage.js')) },
  { path: 'admin/stores', group: 'admin', titleKey: 'nav.stores', roles: ADMIN, component: page(() => import('./pages/admin/StoresPage.js')) },
  { path: 'admin/enrollment-codes', group: 'admin', titleKey: 'nav.enrollmentCodes', roles: ADMIN, component: page(() => import('./pages/admin/EnrollmentCodesPage.js')) },
  { path: 'admin/staff', group: 'admin', titleKey: 'nav.staff', roles: ADMIN, component: page(() => import('./pages/admin/StaffPage.js')) },
  { path: 'admin/devices', group: 'admin', titleKey: 'nav.devices', roles: ADMIN, component: page(() => import('./pages/admin/DevicesPage.js')) },
  // Beside the terminals it updates; before the users, which stay last (the console e2e walks the nav to them).
  { path: 'admin/updates', group: 'admin', titleKey: 'nav.updates', roles: ADMIN, component: page(() => import('./pages/admin/UpdatesPage.js')) },
  { path: 'admin/users', group: 'admin', titleKey: 'nav.users', roles: ADMIN, component: page(() => import('./pages/admin/UsersPage.js')) },
];

export function pagesFor(role: ConsoleRole, pages: readonly ConsolePage[] = CONSOLE_PAGES): ConsolePage[] {
  return pages.filter((p) => p.roles.includes(role));
}

/** The page at a path for a role: the page, 'forbidden' when it exists but not for this role, or null. */
export function pageAt(path: string, role: ConsoleRole, pages: readonly ConsolePage[] = CONSOLE_PAGES): ConsolePage | 'forbidden' | null {
  const found = pages.find((p) => p.path === path);
  if (!found) return null;
  return found.roles.includes(role) ? found : 'forbidden';
}

/** Where a role lands after signing in: its first page in nav order. */
export function homeOf(role: ConsoleRole, pages: readonly ConsolePage[] = CONSOLE_PAGES): string {
  for (const g of NAV_GROUPS) {
    const first = pages.find((p) => p.group === g.id && !p.hidden && p.roles.includes(role));
    if (first) return first.path;
  }
  return '';
}
