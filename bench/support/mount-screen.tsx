/**
 * Mounts one real screen for a bench page, inside the providers the shell gives it once boot and sign-in are done
 * (App.tsx: SessionProvider → OperatorGate's CurrentOperatorProvider → Shell), over a seeded database and with the
 * scanner wedge listening. Why not the whole app: it boots only on an enrolled terminal (web host, settings, a
 * server for the credential and sync) and then wants a PIN sign-in, none of which a screen's bench times. Sync is
 * idle and the main side is absent: the screens benched use neither.
 */
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { NEVER } from 'rxjs';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { HistoryClient } from '../../sync/client/history.js';
import { SyncHttp } from '../../sync/client/http.js';
import { ContractError } from '../../main/contract.js';
import { makeContractClient } from '../../main/contract-client.js';
import { openTerminalDb } from '../../renderer/db/index.js';
import { initI18n } from '../../renderer/i18n/index.js';
import { SessionProvider, type Session } from '../../renderer/ui/session.js';
import { useScannerWedge } from '../../renderer/ui/scan-router.js';
import { terminalTheme } from '../../renderer/ui/theme.js';
import { CurrentOperatorProvider } from '../../renderer/features/signin/current-operator.js';
import '../../renderer/ui/global.css';

/** Marks around the database open, for benches that time from it (bench/queue.ts). */
export const BENCH_MARKS = { dbOpen: 'bench:db-open', dbOpened: 'bench:db-opened' } as const;

function Wedge() {
  useScannerWedge();
  return null;
}

export async function mountScreen(opts: { db: string; operatorId: string; bench: string; screen: ReactNode }): Promise<void> {
  await initI18n('zh-CN');
  performance.mark(BENCH_MARKS.dbOpen);
  const db = await openTerminalDb({ name: opts.db });
  performance.mark(BENCH_MARKS.dbOpened);
  const operator = (await db.operators.findOne(opts.operatorId).exec())?.toMutableJSON();
  if (!operator) throw new Error(`operator ${opts.operatorId} is not in ${opts.db}`);
  const device = { deviceId: 'bench-dev', deviceName: 'bench', storeId: operator.storeId };
  const session: Session = {
    db,
    sync: {
      state$: NEVER,
      resync: () => undefined,
      stop: () => Promise.resolve(),
      awaitInSync: () => Promise.resolve(),
      // Nothing answers here: no benched screen reads history.
      history: new HistoryClient(new SyncHttp({ serverUrl: 'http://127.0.0.1:9', token: 'none' })),
    },
    platform: makeContractClient((method) => Promise.reject(new ContractError('INTERNAL', `the ${opts.bench} bench has no main side (${method})`))),
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
            <div style={{ height: '100vh' }}>{opts.screen}</div>
          </CurrentOperatorProvider>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>,
  );
}

/** Runs the page's mount when its URL names a database and an operator; a failure is left for the bench to read. */
export function mountFromUrl(mount: (db: string, operatorId: string) => Promise<void>, onError: (message: string) => void): void {
  const params = new URLSearchParams(location.search);
  const db = params.get('db');
  const op = params.get('operator');
  if (db && op) mount(db, op).catch((err: unknown) => onError(err instanceof Error ? (err.stack ?? err.message) : String(err)));
}
