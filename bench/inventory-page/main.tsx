/**
 * The inventory bench page: the real InventoryScreen (production React build, real RxDB on IndexedDB, the real
 * scanner wedge) inside the providers the shell gives it, with a seeded database and a signed-in operator. Why not
 * the whole app: see bench/queue-page/main.tsx; the same holds here.
 *
 * Each keystroke is timed from the key event (its timeStamp, when the browser received it) to the end of the first
 * frame painted after it: what a person typing waits for before the letter shows. The screen's own marks
 * (renderer/features/inventory/perf-marks.ts) say when the list shows the results of what was typed.
 */
import { HistoryClient } from '../../sync/client/history.js';
import { SyncHttp } from '../../sync/client/http.js';
import { createRoot } from 'react-dom/client';
import { NEVER } from 'rxjs';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { ContractError } from '../../main/contract.js';
import { makeContractClient } from '../../main/contract-client.js';
import { openTerminalDb, type TerminalDb } from '../../renderer/db/index.js';
import { initI18n } from '../../renderer/i18n/index.js';
import { SessionProvider, type Session } from '../../renderer/ui/session.js';
import { useScannerWedge } from '../../renderer/ui/scan-router.js';
import { terminalTheme } from '../../renderer/ui/theme.js';
import { CurrentOperatorProvider } from '../../renderer/features/signin/current-operator.js';
import { InventoryScreen } from '../../renderer/features/inventory/InventoryScreen.js';
import type { Operator, Order, Product, StockLevel, StockMove } from '../../sync/model/index.js';
import '../../renderer/ui/global.css';

/** Names of the marks this page sets; bench/inventory.ts reads them (not imported there: this module mounts React). */
export const KEY_MARKS = { down: 'bench:key-down', painted: 'bench:key-painted' } as const;

const inventoryBench = {
  /** Fills a fresh database the way sync would have left it, then closes it so the next page load opens it cold. */
  async seed(name: string, data: { products: Product[]; levels: StockLevel[]; moves: StockMove[]; orders: Order[]; operator: Operator }): Promise<number> {
    const db = await openTerminalDb({ name });
    await db.operators.insert(data.operator);
    const chunks = async <T,>(items: T[], insert: (part: T[]) => Promise<unknown>) => {
      for (let i = 0; i < items.length; i += 1000) await insert(items.slice(i, i + 1000));
    };
    await chunks(data.products, (p) => db.products.bulkInsert(p));
    await chunks(data.levels, (p) => db.stock_levels.bulkInsert(p));
    await chunks(data.moves, (p) => db.stock_moves.bulkInsert(p));
    await chunks(data.orders, (p) => db.orders.bulkInsert(p));
    const count = await db.products.count().exec();
    await db.close();
    return count;
  },
};

function Wedge() {
  useScannerWedge();
  return null;
}

/** A key's time: from when the browser received it to the end of the next painted frame. */
function timeKeys(): void {
  window.addEventListener(
    'keydown',
    (e) => {
      performance.clearMarks(KEY_MARKS.down);
      performance.clearMarks(KEY_MARKS.painted);
      performance.mark(KEY_MARKS.down, { startTime: e.timeStamp, detail: e.key });
      requestAnimationFrame(() => setTimeout(() => performance.mark(KEY_MARKS.painted, { detail: e.key }), 0));
    },
    { capture: true },
  );
}

async function mount(name: string, operatorId: string): Promise<void> {
  await initI18n('zh-CN');
  const db: TerminalDb = await openTerminalDb({ name });
  const operator = (await db.operators.findOne(operatorId).exec())?.toMutableJSON();
  if (!operator) throw new Error(`operator ${operatorId} is not in ${name}`);
  const device = { deviceId: 'bench-dev', deviceName: 'bench', storeId: operator.storeId };
  const session: Session = {
    db,
    sync: {
      state$: NEVER,
      resync: () => undefined,
      stop: () => Promise.resolve(),
      awaitInSync: () => Promise.resolve(),
      history: new HistoryClient(new SyncHttp({ serverUrl: 'http://127.0.0.1:9', token: 'none' })),
    },
    platform: makeContractClient((method) => Promise.reject(new ContractError('INTERNAL', `the inventory bench has no main side (${method})`))),
    settings: { serverUrl: null, device, locale: 'zh-CN' },
    device,
  };
  timeKeys();
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(
    <ConfigProvider locale={zhCN} theme={terminalTheme}>
      <AntApp>
        <SessionProvider session={session}>
          <CurrentOperatorProvider operator={operator}>
            <Wedge />
            <div style={{ height: '100vh' }}>
              <InventoryScreen />
            </div>
          </CurrentOperatorProvider>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>,
  );
}

declare global {
  interface Window {
    inventoryBench?: typeof inventoryBench;
    inventoryBenchError?: string;
  }
}
window.inventoryBench = inventoryBench;
const params = new URLSearchParams(location.search);
const dbName = params.get('db');
const op = params.get('operator');
if (dbName && op) {
  mount(dbName, op).catch((err: unknown) => {
    window.inventoryBenchError = err instanceof Error ? err.stack ?? err.message : String(err);
  });
}
