import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../../protocol/platform-api.gen.js';

export type PlatformApi = Client<paths>;

/**
 * A typed client of the central server, generated from its own description (platform-api.gen.ts): the platform's
 * and the admin's calls in tests, the demo and the bench go through it, so a route that drifts from its description
 * breaks their type check or the conformance check rather than an integrator.
 */
export function platformApi(baseUrl: string, token?: string): PlatformApi {
  // No token: the open routes (a device's enrollment, where the code is the credential).
  return createClient<paths>({ baseUrl, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
}
