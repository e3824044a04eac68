/**
 * The portal's calls, typed by the contract sync/protocol/supplier.ts (its routes and wire types, nothing restated
 * here), through the shared fetch wrapper (cookie, CSRF header on writes, ApiError with a stable code).
 */
import {
  supplierRoutes,
  type SupplierChangePasswordRequest,
  type SupplierCounterDailySalesResponse,
  type SupplierCountersResponse,
  type SupplierDailySalesResponse,
  type SupplierFeeBillsQuery,
  type SupplierFeeBillsResponse,
  type SupplierFeedback,
  type SupplierFeedbackListResponse,
  type SupplierFeedbackRequest,
  type SupplierNotice,
  type SupplierNoticesResponse,
  type SupplierPeriodSalesResponse,
  type SupplierPeriodsResponse,
  type SupplierPromotionsQuery,
  type SupplierPromotionsResponse,
  type SupplierSalesQuery,
  type SupplierSessionResponse,
  type SupplierSignInRequest,
  type SupplierSignOutResponse,
  type SupplierStatementDetail,
  type SupplierStatementsQuery,
  type SupplierStatementsResponse,
  type SupplierSuppliesQuery,
  type SupplierSuppliesResponse,
} from '../../sync/protocol/supplier.js';
import { api, urlOf } from '../shared/api.js';

type Query = Record<string, string | number | undefined>;
const q = (o: object): Query => o as Query;

export const supplierApi = {
  session: () => api.get<SupplierSessionResponse>(supplierRoutes.session),
  signIn: (body: SupplierSignInRequest) => api.post<SupplierSessionResponse>(supplierRoutes.signIn, body),
  signOut: () => api.post<SupplierSignOutResponse>(supplierRoutes.signOut, {}),
  changePassword: (body: SupplierChangePasswordRequest) => api.post<SupplierSessionResponse>(supplierRoutes.changePassword, body),

  periods: () => api.get<SupplierPeriodsResponse>(supplierRoutes.periods).then((r) => r.periods),
  counters: () => api.get<SupplierCountersResponse>(supplierRoutes.counters).then((r) => r.counters),

  statements: (query: SupplierStatementsQuery) => api.get<SupplierStatementsResponse>(supplierRoutes.statements, q(query)),
  statement: (number: string) => api.get<SupplierStatementDetail>(supplierRoutes.statement(number)),
  confirm: (number: string, version: number) => api.post<SupplierStatementDetail>(supplierRoutes.confirmStatement(number), { version }),
  dispute: (number: string, version: number, comment: string) => api.post<SupplierStatementDetail>(supplierRoutes.disputeStatement(number), { version, comment }),

  feeBills: (query: SupplierFeeBillsQuery) => api.get<SupplierFeeBillsResponse>(supplierRoutes.feeBills, q(query)),
  counterDailySales: (query: SupplierSalesQuery) => api.get<SupplierCounterDailySalesResponse>(supplierRoutes.counterDailySales, q(query)),
  dailySales: (query: SupplierSalesQuery) => api.get<SupplierDailySalesResponse>(supplierRoutes.dailySales, q(query)),
  periodSales: (query: SupplierSalesQuery) => api.get<SupplierPeriodSalesResponse>(supplierRoutes.periodSales, q(query)),
  promotions: (query: SupplierPromotionsQuery) => api.get<SupplierPromotionsResponse>(supplierRoutes.promotions, q(query)),
  supplies: (query: SupplierSuppliesQuery) => api.get<SupplierSuppliesResponse>(supplierRoutes.supplies, q(query)),
  notices: (query: { q?: string }) => api.get<SupplierNoticesResponse>(supplierRoutes.notices, q(query)),
  notice: (id: string) => api.get<SupplierNotice>(supplierRoutes.notice(id)),
  feedback: () => api.get<SupplierFeedbackListResponse>(supplierRoutes.feedback),
  ask: (body: SupplierFeedbackRequest) => api.post<SupplierFeedback>(supplierRoutes.feedback, body),
};

/** A download link's address: the list's filters plus the format and the page's language (the export's headers). */
export function exportUrl(route: string, filters: object, format: 'xlsx' | 'csv', lang: string): string {
  return urlOf(route, { ...q(filters), format, lang });
}
