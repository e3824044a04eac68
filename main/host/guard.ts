import type { FastifyReply, FastifyRequest } from 'fastify';

const LOCAL_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface Refusal {
  status: number;
  message: string;
}

/**
 * The host only answers to its own name: a Host header naming anything else means DNS rebinding or a proxy,
 * and the contract hands out the device token.
 */
export function checkHost(req: FastifyRequest, port: number): Refusal | null {
  const host = req.headers.host;
  if (!host || !isLocalAuthority(host, port)) return { status: 421, message: `This terminal answers only on 127.0.0.1:${port}` };
  return null;
}

/**
 * Contract calls need the custom header (a cross-site page cannot send it without a CORS preflight, which this
 * host never answers) and, when the browser says where the call comes from, a same-origin page.
 */
export function checkContractCaller(req: FastifyRequest, port: number): Refusal | null {
  if (req.headers['x-store-ops'] !== '1') return { status: 403, message: 'Missing header x-store-ops: 1' };
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let authority: string;
    try {
      const url = new URL(origin);
      if (url.protocol !== 'http:') return { status: 403, message: `Origin ${origin} is not allowed` };
      authority = url.host;
    } catch {
      return { status: 403, message: `Origin ${origin} is not a URL` };
    }
    if (!isLocalAuthority(authority, port) || authority !== req.headers.host) {
      return { status: 403, message: `Origin ${origin} is not allowed` };
    }
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, message: `Cross-site contract call refused (sec-fetch-site: ${String(site)})` };
  }
  return null;
}

function isLocalAuthority(authority: string, port: number): boolean {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(authority.toLowerCase());
  if (!m || !m[1] || !LOCAL_HOSTNAMES.has(m[1])) return false;
  return Number(m[2] ?? 80) === port;
}

export function refuse(reply: FastifyReply, refusal: Refusal): FastifyReply {
  return reply.code(refusal.status).send({ error: { code: 'FORBIDDEN', message: refusal.message } });
}
