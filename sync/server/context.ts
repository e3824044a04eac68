import type { Db } from './db/index.js';
import type { ChangeHub } from './hub.js';
import type { StreamRegistry } from './stream-registry.js';

/** What every route module needs. */
export interface ServerContext {
  db: Db;
  hub: ChangeHub;
  streams: StreamRegistry;
  adminToken: string;
  platformApiKey: string;
}
