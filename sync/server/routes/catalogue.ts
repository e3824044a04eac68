import type { FastifyInstance } from 'fastify';
import { locationKey, type Product } from '../../model/product.js';
import { productsInputSchema, upsertResponseSchema, type ProductInput } from '../../protocol/platform.js';
import { describe } from '../openapi/describe.js';
import { requireSecret } from '../auth.js';
import type { ServerContext } from '../context.js';
import { jsonEqual } from '../equal.js';
import { writeStore } from '../store/store-tx.js';

export interface ProductsUpsertResponse {
  storeId: string;
  /** Products written (new or changed). */
  upserted: number;
  /** Products sent that were already exactly so; they keep their position. */
  unchanged: number;
  position: number | null;
}

export async function catalogueRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.put<{ Params: { storeId: string }; Body: ProductInput[] }>('/stores/:storeId/products', {
    onRequest: async (req) => requireSecret(req, ctx.platformApiKey, 'platform API key'),
    schema: describe({
      operationId: 'putProducts',
      tags: ['catalogue'],
      access: 'platform',
      summary: "Bulk upsert the store's catalogue (platform key)",
      params: { type: 'object', properties: { storeId: { type: 'string', maxLength: 32 } }, required: ['storeId'] },
      body: productsInputSchema,
      bodyExamples: [[{ sku: 'SKU-1', name: 'Milk 1 l', barcodes: ['4006381333931'], location: { aisle: 'A03', shelf: 'S02', bin: 'B07' }, unitPrice: 129, unit: 'pc' }]],
      responses: { 200: { description: 'How many were written and how many were already so', ...upsertResponseSchema } },
      errors: { 404: ['UNKNOWN_STORE'] },
    }),
  }, async (req) => {
    const { storeId } = req.params;
    const now = new Date().toISOString();
    // Last one wins when a SKU appears twice in one request.
    const bySku = new Map<string, Product>();
    for (const p of req.body) {
      bySku.set(p.sku, {
        sku: p.sku,
        storeId,
        name: p.name,
        barcodes: p.barcodes,
        location: p.location,
        locationKey: locationKey(p.location),
        unitPrice: p.unitPrice,
        unit: p.unit,
        updatedAt: now,
      });
    }
    const { value: changed, position } = await writeStore(ctx.db, storeId, async (st) => {
      const existing = await st.getMany('products', [...bySku.keys()]);
      const toWrite = [...bySku.values()].filter((p) => {
        const old = existing.get(p.sku);
        return !old || old.deleted || !jsonEqual({ ...old.data, updatedAt: now }, p);
      });
      await st.putMany('products', toWrite.map((p) => ({ id: p.sku, data: p })));
      return toWrite.length;
    });
    const body: ProductsUpsertResponse = { storeId, upserted: changed, unchanged: bySku.size - changed, position: position ?? null };
    return body;
  });
}
