/**
 * Updates from the centre (docs/ARCHITECTURE.md, "Updates"). The centre serves electron-updater's generic provider
 * format (`latest.yml`, `latest-linux.yml` and the files they name) from its UPDATES_DIR to enrolled devices (device
 * token), and holds a staged rollout per version: a list of stores and/or a percentage of stores.
 */
/** Feeds and their files: `${UPDATES_BASE}/latest-linux.yml`, `${UPDATES_BASE}/<file the feed names>`. */
export const UPDATES_BASE = '/updates/v1';

/** The feed files electron-builder writes, one per platform; anything else in the folder is a file a feed names. */
export const FEED_NAMES = ['latest.yml', 'latest-linux.yml', 'latest-mac.yml'] as const;
export type FeedName = (typeof FEED_NAMES)[number];

export function isFeedName(name: string): name is FeedName {
  return (FEED_NAMES as readonly string[]).includes(name);
}

/** The feed for this platform, as electron-updater names it. */
export function feedNameFor(platform: NodeJS.Platform): FeedName {
  if (platform === 'win32') return 'latest.yml';
  if (platform === 'darwin') return 'latest-mac.yml';
  return 'latest-linux.yml';
}

/**
 * A store held back by the rollout gets 204 No Content on the feed: "no update for you", the same as a centre with
 * no feed at all (404 NOT_FOUND is kept for a feed that does not exist, which a terminal also reads as no update).
 */
export const HELD_BACK_STATUS = 204;

/**
 * Admin (ADMIN_TOKEN bearer, like the /api/v1 admin routes): the rollout of one version. Kept beside the feeds and out
 * of the Platform API's description: only the chain's own people publish updates.
 */
export const ROLLOUTS_PATH = `${UPDATES_BASE}/admin/rollouts`;
export const rolloutPath = (version: string) => `${ROLLOUTS_PATH}/${encodeURIComponent(version)}`;

export interface RolloutInput {
  /** Stores that get this version whatever the percentage says. */
  storeIds: string[];
  /** 0–100: a store is in when its stable bucket (rollout.ts: sha256 of store id + version, 0–99) is below it. */
  percent: number;
}

export interface Rollout extends RolloutInput {
  version: string;
  updatedAt: string;
}

export interface RolloutsResponse {
  rollouts: Rollout[];
}

/** Versions as electron-builder writes them: semver, with an optional pre-release and build. */
export const VERSION_PATTERN = '^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$';

export const rolloutInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['storeIds', 'percent'],
  properties: {
    storeIds: { type: 'array', maxItems: 10_000, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 32 } },
    percent: { type: 'integer', minimum: 0, maximum: 100 },
  },
} as const;

export const rolloutSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'storeIds', 'percent', 'updatedAt'],
  properties: {
    version: { type: 'string' },
    storeIds: rolloutInputSchema.properties.storeIds,
    percent: rolloutInputSchema.properties.percent,
    updatedAt: { type: 'string' },
  },
} as const;

// ---- Console (head office, admin role; session cookie and CSRF token, under CONSOLE_API_BASE)

/**
 * Below CONSOLE_API_BASE (sync/protocol/console.ts; not imported here, the terminal's bundle reads this file):
 * GET `${CONSOLE_API_BASE}${CONSOLE_ROLLOUTS_PATH}` lists, PUT `…${consoleRolloutSubpath(version)}` sets one.
 */
export const CONSOLE_ROLLOUTS_PATH = '/updates/rollouts';
export const consoleRolloutSubpath = (version: string) => `${CONSOLE_ROLLOUTS_PATH}/${encodeURIComponent(version)}`;

/**
 * One version as the console shows it: published when a feed in UPDATES_DIR names it now (with those feeds), and its
 * rollout, or null when none is set (no store gets it). A rolled-out version whose feed has been replaced stays
 * listed, unpublished, so the admin sees what is still set.
 */
export interface ConsoleUpdateVersion {
  version: string;
  feeds: FeedName[];
  published: boolean;
  rollout: Rollout | null;
}

export interface ConsoleRolloutsResponse {
  /** False when the centre runs without UPDATES_DIR: nothing is published, rollouts may still be set ahead. */
  updatesDir: boolean;
  versions: ConsoleUpdateVersion[];
}

/** The console's PUT body and answer are the admin route's: RolloutInput in, Rollout out. */
export type ConsoleRolloutRequest = RolloutInput;
