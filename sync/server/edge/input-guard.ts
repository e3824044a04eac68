import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProtocolError } from '../../protocol/errors.js';
import { SYNC_BASE } from '../../protocol/sync.js';
import { firstUnstorable, type Unstorable } from './storable.js';

/**
 * A pushed document is judged on its own (design §4): one with a NUL in it is a rejection of that row, with the
 * rest of the batch applied, so the push route's documents are left to validation.ts's docValidator.
 */
const PER_DOCUMENT_BODIES: ReadonlyMap<string, (path: readonly string[]) => boolean> = new Map([
  [`${SYNC_BASE}/:collection/push`, (path: readonly string[]) => path.length === 3 && path[0] === 'rows' && (path[2] === 'newDocumentState' || path[2] === 'assumedMasterState')],
]);

function refuse(problem: Unstorable): never {
  throw new ProtocolError('VALIDATION_FAILED', problem.message, 400, { path: problem.path });
}

/**
 * The rule of edge/storable.ts for every route, before any handler runs. The body is checked before schema
 * validation; params and query after it, because only then are their numbers numbers (position=1e20 arrives as
 * text and leaves validation as 100000000000000000000).
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req: FastifyRequest) => {
    // A raw body (a bill file, reconciliation/) is bytes, not values: nothing in it is stored as text.
    if (Buffer.isBuffer(req.body)) return;
    const skip = PER_DOCUMENT_BODIES.get(req.routeOptions.url ?? '');
    const problem = firstUnstorable(req.body, 'body', skip);
    if (problem) refuse(problem);
  });
  app.addHook('preHandler', async (req: FastifyRequest) => {
    const problem = firstUnstorable(req.params, 'params') ?? firstUnstorable(req.query, 'query');
    if (problem) refuse(problem);
  });
}
