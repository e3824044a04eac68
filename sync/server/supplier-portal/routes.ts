import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { supplierSessionRoutes } from '../supplier-auth/routes.js';
import type { SupplierAuth } from '../supplier-auth/sessions.js';
import { supplierDataRoutes } from './data-routes.js';
import { supplierNoticeRoutes } from './notice-routes.js';
import { supplierStatementRoutes } from './statement-routes.js';

/**
 * The supplier portal's JSON API (protocol/supplier.ts), registered under SUPPLIER_API_BASE. Every route but
 * sign-in carries the supplier guard (SupplierAuth.install refuses a server where one does not); what each answers is scoped in SQL to the session's supplier.
 */
export async function supplierPortalRoutes(app: FastifyInstance, ctx: ServerContext, auth: SupplierAuth): Promise<void> {
  await supplierSessionRoutes(app, ctx, auth);
  await supplierStatementRoutes(app, ctx, auth);
  await supplierDataRoutes(app, ctx, auth);
  await supplierNoticeRoutes(app, ctx, auth);
}
