/**
 * The queue bench page: the real OrderQueue (production React build, real RxDB on IndexedDB, the real scanner
 * wedge) inside the providers the shell gives it, with a seeded database and a signed-in operator.
 *
 * Why not the whole app: it boots only on an enrolled terminal (web host + settings + a server for the credential
 * and sync) and then wants a PIN sign-in, none of which is what is timed here and all of which would need the
 * harness to drive other screens first. App.tsx wires exactly these providers once boot and sign-in are done
 * (SessionProvider → OperatorGate's CurrentOperatorProvider → Shell), so mounting the queue here changes no
 * application code and times what an operator waits for: database open → the queue's first rows, and a scan →
 * its feedback. Sync is idle (nothing to pull) and the main side is absent; the queue uses neither.
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
import { OrderQueue } from '../../renderer/features/orders/OrderQueue.js';
import type { Operator, Order, OrderEvent } from '../../sync/model/index.js';
import '../../renderer/ui/global.css';

export const BENCH_MARKS = { dbOpen: 'bench:db-open', dbOpened: 'bench:db-opened' } as const;

const queueBench = {
  /** Fills a fresh database the way sync would have left it, then closes it so the next page load opens it cold. */
  async seed(name: string, orders: Order[], events: OrderEvent[], operator: Operator): Promise<number> {
    const db = await openTerminalDb({ name });
    await db.operators.insert(operator);
    for (let i = 0; i < orders.length; i += 1000) await db.orders.bulkInsert(orders.slice(i, i + 1000));
    for (let i = 0; i < events.length; i += 1000) await db.order_events.bulkInsert(events.slice(i, i + 1000));
    const count = await db.orders.count().exec();
    await db.close();
    return count;
  },
};

function Wedge() {
  useScannerWedge();
  return null;
}

async function mount(name: string, operatorId: string): Promise<void> {
  await initI18n('zh-CN');
  performance.mark(BENCH_MARKS.dbOpen);
  const db: TerminalDb = await openTerminalDb({ name });
  performance.mark(BENCH_MARKS.dbOpened);
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
      // Nothing answers here: the queue bench never reads history.
      history: new HistoryClient(new SyncHttp({ serverUrl: 'http://127.0.0.1:9', token: 'none' })),
    },
    platform: makeContractClient((method) => Promise.reject(new ContractError('INTERNAL', `the queue bench has no main side (${method})`))),
    settings: { serverUrl: null, device, locale: 'zh-CN' },
    device,
  };
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(
    <ConfigProvider locale={zhCN} theme={terminalTheme}>
      <AntApp>
        <SessionProvider session={session}>
          <CurrentOperatorProvider operator={operator}>
            <Wedge />
            <div style={{ height: '100vh' }}>
              <OrderQueue />
            </div>
          </CurrentOperatorProvider>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>,
  );
}

declare global {
  interface Window {
    queueBench?: typeof queueBench;
    queueBenchError?: string;
  }
}
window.queueBench = queueBench;
const params = new URLSearchParams(location.search);
const db = params.get('db');
const op = params.get('operator');
if (db && op) {
  mount(db, op).catch((err: unknown) => {
    window.queueBenchError = err instanceof Error ? err.stack ?? err.message : String(err);
  });
}
