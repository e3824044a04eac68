import { syncRoutes } from '../sync/protocol/sync.js';
import type { EnrollmentCodeResponse, OperatorInput, OrderInput, PickupPassResponse, ProductInput, StoreInput } from '../sync/protocol/platform.js';
import { platformApi, type PlatformApi } from '../sync/server/openapi/client.js';
import type { OperatorsUpsertResponse } from '../sync/server/routes/operators.js';

/** What openapi-fetch answers: data on success, the error body otherwise. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The demo talks to its server the way an e-commerce platform and an admin would: over HTTP with bearer tokens,
 * through the client generated from the server's description (sync/server/openapi/client.ts).
 */
export class PlatformClient {
  private readonly admin: PlatformApi;
  private readonly platform: PlatformApi;

  constructor(
    readonly baseUrl: string,
    adminToken: string,
    platformApiKey: string,
  ) {
    this.admin = platformApi(baseUrl, adminToken);
    this.platform = platformApi(baseUrl, platformApiKey);
  }

  async upsertStore(store: StoreInput): Promise<unknown> {
    return ok(await this.admin.POST('/api/v1/stores', { body: store }), 'POST store');
  }

  /** Bulk upsert of the store's staff (admin). Sending the same PINs again changes nothing on the server. */
  async upsertOperators(storeId: string, operators: readonly OperatorInput[]): Promise<OperatorsUpsertResponse> {
    return ok(await this.admin.PUT('/api/v1/stores/{storeId}/operators', { params: { path: { storeId } }, body: [...operators] }), 'PUT operators');
  }

  async upsertProducts(storeId: string, products: ProductInput[]): Promise<unknown> {
    return ok(await this.platform.PUT('/api/v1/stores/{storeId}/products', { params: { path: { storeId } }, body: products }), 'PUT products');
  }

  async postOrder(order: OrderInput): Promise<unknown> {
    return ok(await this.platform.POST('/api/v1/orders', { body: order }), `POST order ${order.id}`);
  }

  /** What the platform sends the customer of a ready pickup order: its code and QR. */
  async pickupPass(orderId: string): Promise<PickupPassResponse> {
    return ok(await this.platform.GET('/api/v1/orders/{id}/pickup-pass', { params: { path: { id: orderId } } }), `GET pickup pass of ${orderId}`);
  }

  async issueEnrollmentCode(storeId: string): Promise<EnrollmentCodeResponse> {
    return ok(await this.admin.POST('/api/v1/stores/{storeId}/enrollment-codes', { params: { path: { storeId } }, body: { ttlMinutes: 10 } }), 'POST enrollment code');
  }

  /** Whether a device token is still accepted (the server's data may have been reset since it was issued). */
  async tokenWorks(token: string): Promise<boolean> {
    const res = await fetch(`${this.baseUrl}${syncRoutes.whoami()}`, { headers: { authorization: `Bearer ${token}` } });
    await res.body?.cancel();
    return res.ok;
  }
}

function ok<T>(res: Answer<T>, what: string): T {
  if (res.data === undefined) throw new Error(`${what} failed: HTTP ${res.response.status} ${JSON.stringify(res.error).slice(0, 500)}`);
  return res.data;
}
