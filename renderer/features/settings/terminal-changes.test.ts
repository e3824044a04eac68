import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createStoreOps } from '../../../main/service.js';
import { SettingsStore } from '../../../main/settings/index.js';
import { TERMINAL_CHANGES_FILE } from '../../../main/settings/terminal-changes.js';
import type { PrinterConfig } from '../../../main/contract.js';
import { closeTestDbs, openTestDb, operator } from '../../testing/db.js';
import type { Actor } from '../approval/authorize.js';
import { changePrinter } from './terminal-changes.js';

const dirs: string[] = [];
afterEach(async () => {
  await closeTestDbs();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const actor = (operatorId: string, roles: Actor['roles']): Actor => ({ operatorId, roles, deviceId: 'dev-1', storeId: 'S001' });
const label: PrinterConfig = { id: 'pack-1', name: 'Packing 1', kind: 'pdf', size: '100x150', dpi: 203 };

describe('changing the terminal\'s printers', () => {
  it('is a manager\'s: a packer is refused and nothing changes; a manager\'s change is made and logged with their id', async () => {
    const db = await openTestDb();
    await db.operators.bulkInsert([await operator('pack-1', ['packer'], '1357'), await operator('boss-1', ['manager'], '583106')]);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'store-ops-changes-'));
    dirs.push(dataDir);
    // The real main side, as the web host or Electron serves it.
    const ops = createStoreOps({ settings: new SettingsStore(dataDir), mode: 'web', version: '0.0.0-test' });

    expect(await changePrinter(db, ops, actor('boss-1', ['manager']), { kind: 'save', config: label })).toEqual({ ok: true, printers: [label] });
    // The screen disables the buttons; the recording function refuses anyway, whatever roles the caller claims.
    const refused = await changePrinter(db, ops, actor('pack-1', ['manager']), { kind: 'delete', id: 'pack-1' });
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await ops.listPrinters()).toEqual([label]);

    expect(await changePrinter(db, ops, actor('boss-1', ['manager']), { kind: 'delete', id: 'pack-1' })).toEqual({ ok: true, printers: [] });
    const log = await ops.listTerminalChanges();
    expect(log.map((c) => [c.what, c.subject, c.operatorId])).toEqual([['printer.deleted', 'pack-1', 'boss-1'], ['printer.added', 'pack-1', 'boss-1']]);
    expect(log[0]?.before).toEqual(label);
    const lines = (await readFile(path.join(dataDir, TERMINAL_CHANGES_FILE), 'utf8')).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { what: string }).what)).toEqual(['printer.added', 'printer.deleted']);
  });
});
