import type { FastifyInstance } from 'fastify';
import { SUPPLIER_API_BASE } from '../../protocol/supplier.js';
import type { ServerContext } from '../context.js';
import { supplierSessionRoutes } from '../supplier-auth/routes.js';
import type { SupplierAuth } from '../supplier-auth/sessions.js';
import { supplierDataRoutes } from './data-routes.js';
import { supplierNoticeRoutes } from './notice-routes.js';
import { supplierStatementRoutes } from './statement-routes.js';

const UNGUARDED = new Set(['/sign-in', '/sign-out']);

/**
 * The supplier portal's JSON API (protocol/supplier.ts), registered under SUPPLIER_API_BASE. Every route but
 * sign-in carries the supplier guard; what each answers is scoped in SQL to the session's supplier.
 */
export async function supplierPortalRoutes(app: FastifyInstance, ctx: ServerContext, auth: SupplierAuth): Promise<void> {
  // A route added here without the guard would answer anyone: refuse to start instead. Only sign-in (no session yet)
  // and sign-out (which checks the session itself) go without.
  app.addHook('onRoute', (route) => {
    if (UNGUARDED.has(route.url.slice(SUPPLIER_API_BASE.length)) || route.method === 'HEAD') return;
    if (!route.onRequest) throw new Error(`supplier portal route ${String(route.method)} ${route.url} has no guard (SupplierAuth.guard)`);
  });
  await supplierSessionRoutes(app, ctx, auth);
  await supplierStatementRoutes(app, ctx, auth);
  await supplierDataRoutes(app, ctx, auth);
  await supplierNoticeRoutes(app, ctx, auth);
}
