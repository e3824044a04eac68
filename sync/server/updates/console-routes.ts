import type { FastifyInstance } from 'fastify';
import {
  CONSOLE_ROLLOUTS_PATH,
  VERSION_PATTERN,
  rolloutInputSchema,
  type ConsoleRolloutRequest,
  type ConsoleRolloutsResponse,
  type ConsoleUpdateVersion,
  type Rollout,
} from '../../protocol/updates.js';
import { audit } from '../console-auth/audit.js';
import { consoleUserOf, requireConsoleRole } from '../console-auth/guard.js';
import type { ServerContext } from '../context.js';
import { readFeeds } from './feed.js';
import { listRollouts, setRollout } from './rollout.js';

const versionParams = { type: 'object', properties: { version: { type: 'string', maxLength: 64, pattern: VERSION_PATTERN } }, required: ['version'] } as const;

/** Newest first by semver's numbers; a pre-release sorts before its release, then by name. */
function compareVersionsDesc(a: string, b: string): number {
  const parts = (v: string) => v.split(/[-+]/)[0]!.split('.').map(Number);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pb[i]! - pa[i]!;
  const preA = a.includes('-') ? 0 : 1;
  const preB = b.includes('-') ? 0 : 1;
  return preB - preA || b.localeCompare(a);
}

/**
 * The versions the console lists: each version a feed in `dir` names now (published), and each version with a
 * rollout set (published or not), with its rollout or null.
 */
export async function consoleUpdateVersions(ctx: ServerContext, dir: string | undefined): Promise<ConsoleUpdateVersion[]> {
  const byVersion = new Map<string, ConsoleUpdateVersion>();
  const entry = (version: string) => {
    let v = byVersion.get(version);
    if (!v) byVersion.set(version, (v = { version, feeds: [], published: false, rollout: null }));
    return v;
  };
  for (const feed of dir ? await readFeeds(dir) : []) {
    const v = entry(feed.version);
    v.feeds.push(feed.name);
    v.published = true;
  }
  for (const rollout of await listRollouts(ctx.db)) entry(rollout.version).rollout = rollout;
  return [...byVersion.values()].sort((a, b) => compareVersionsDesc(a.version, b.version));
}

/**
 * The head office's view of updates, under CONSOLE_API_BASE, for admins only: the same rollout functions as the
 * admin-token routes (rollout.ts), each change audited in its transaction.
 */
export async function updatesConsoleRoutes(app: FastifyInstance, ctx: ServerContext, dir: string | undefined): Promise<void> {
  const admin = requireConsoleRole('admin');

  app.get(CONSOLE_ROLLOUTS_PATH, { onRequest: admin }, async (): Promise<ConsoleRolloutsResponse> => ({
    updatesDir: dir !== undefined,
    versions: await consoleUpdateVersions(ctx, dir),
  }));

  app.put<{ Params: { version: string }; Body: ConsoleRolloutRequest }>(`${CONSOLE_ROLLOUTS_PATH}/:version`, {
    onRequest: admin,
    schema: { params: versionParams, body: rolloutInputSchema },
  }, async (req): Promise<Rollout> => {
    const user = consoleUserOf(req);
    const { version } = req.params;
    return setRollout(ctx.db, version, req.body, (q, rollout) =>
      audit(q, user, 'update-rollout.set', version, { storeIds: rollout.storeIds, percent: rollout.percent }),
    );
  });
}
