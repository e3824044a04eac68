import { writeFile } from 'node:fs/promises';
import { buildServer } from '../sync/server/app.js';
import { openDb } from '../sync/server/db/index.js';
import { CLIENT_TYPES_PATH, generateClientTypes } from '../sync/server/openapi/client-gen.js';

/** npm run api:client: the typed client's types from the description a server built here serves. */
const db = await openDb();
// Throwaway secrets: the server only has to start, on an in-memory database, and describe itself.
const app = await buildServer({ db, adminToken: 'a'.repeat(40), platformApiKey: 'p'.repeat(40), windowSweepMs: 0, reminderSweepMs: 0 });
try {
  await app.ready();
  await writeFile(CLIENT_TYPES_PATH, await generateClientTypes(app.swagger()));
  console.log(`wrote ${CLIENT_TYPES_PATH}`);
} finally {
  await app.close();
  await db.close();
}
