/**
 * Test helper (main/settings/store.test.ts): rewrites settings as fast as it can until it is killed, printing the
 * number of each completed write. Each write has a different size, so a torn file could not pass validation.
 */
import { SettingsStore } from './store.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-writer.fixture.ts DATA_DIR');
const store = new SettingsStore(dataDir);
for (let n = 1; ; n++) {
  const token = `t${n}-${'x'.repeat((n % 50) * 997)}`;
  await store.update((s) => ({ ...s, serverUrl: 'http://127.0.0.1:8787', device: { deviceId: `d${n}`, deviceName: 'crash', storeId: 'S001' }, token }));
  process.stdout.write(`wrote ${n}\n`);
}
