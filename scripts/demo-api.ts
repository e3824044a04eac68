import { apiRoutes, type EnrollmentCodeResponse, type OperatorInput, type OrderInput, type PickupPassResponse, type ProductInput, type StoreInput } from '../sync/protocol/platform.js';
import { syncRoutes } from '../sync/protocol/sync.js';
import type { OperatorsUpsertResponse } from '../sync/server/routes/operators.js';

/** The demo talks to its server the way an e-commerce platform and an admin would: over HTTP with bearer tokens. */
export class PlatformClient {
  constructor(
    readonly baseUrl: string,
    private readonly adminToken: string,
    private readonly platformApiKey: string,
  ) {}

  upsertStore(store: StoreInput): Promise<unknown> {
    return this.call('POST', apiRoutes.stores, this.adminToken, store);
  }

  /** Bulk upsert of the store's staff (admin). Sending the same PINs again changes nothing on the server. */
  async upsertOperators(storeId: string, operators: readonly OperatorInput[]): Promise<OperatorsUpsertResponse> {
    return (await this.call('PUT', apiRoutes.operators(storeId), this.adminToken, operators)) as OperatorsUpsertResponse;
  }

  upsertProducts(storeId: string, products: ProductInput[]): Promise<unknown> {
    return this.call('PUT', apiRoutes.products(storeId), this.platformApiKey, products);
  }

  postOrder(order: OrderInput): Promise<unknown> {
    return this.call('POST', apiRoutes.orders, this.platformApiKey, order);
  }

  /** What the platform sends the customer of a ready pickup order: its code and QR. */
  async pickupPass(orderId: string): Promise<PickupPassResponse> {
    const res = await fetch(`${this.baseUrl}${apiRoutes.pickupPass(orderId)}`, { headers: { authorization: `Bearer ${this.platformApiKey}` } });
    if (!res.ok) throw new Error(`GET pickup pass of ${orderId}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    return (await res.json()) as PickupPassResponse;
  }

  async issueEnrollmentCode(storeId: string): Promise<EnrollmentCodeResponse> {
    return (await this.call('POST', apiRoutes.enrollmentCodes(storeId), this.adminToken, { ttlMinutes: 10 })) as EnrollmentCodeResponse;
  }

  /** Whether a device token is still accepted (the server's data may have been reset since it was issued). */
  async tokenWorks(token: string): Promise<boolean> {
    const res = await fetch(`${this.baseUrl}${syncRoutes.whoami()}`, { headers: { authorization: `Bearer ${token}` } });
    await res.body?.cancel();
    return res.ok;
  }

  private async call(method: string, path: string, token: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} failed: HTTP ${res.status} ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : null;
  }
}
