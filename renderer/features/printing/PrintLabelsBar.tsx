import { useCallback, useEffect, useState } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PrintLogEntry } from '../../../main/contract.js';
import { PERMISSIONS, type Action, type OrderStatus } from '../../../sync/model/index.js';
import { useSession } from '../../ui/session.js';
import { toCodedError } from '../../ui/errors.js';
import { useActor } from '../signin/current-operator.js';
import { gateOf } from '../approval/authorize.js';
import type { QueueRow } from '../orders/queue.js';
import { packagesOf } from './labels.js';
import { knownPackageCount, printedPackages } from './print-log-view.js';
import { PrintDialog, ReprintDialog } from './PrintDialogs.js';
import { PrintOutcome, type PrintOutcomeValue } from './PrintOutcome.js';
import { usePrintPackageLabels } from './use-print-labels.js';
import { usePrinters } from './use-printers.js';

/** Labels go on packed parcels: once packing has finished, and while the order waits for its courier or customer. */
const PRINTABLE: ReadonlySet<OrderStatus> = new Set(['packed', 'ready']);

/**
 * "Print labels" and "Reprint" on the order screen, for operators whose roles allow label.print / label.reprint.
 * What was printed comes from main's print log, so a reprint offers exactly the packages that have a label.
 */
export function PrintLabelsBar(props: { row: QueueRow }) {
  // Other orders never ask main for printers or the print log.
  return PRINTABLE.has(props.row.derived.status) ? <PrintLabelsPanel row={props.row} /> : null;
}

function PrintLabelsPanel(props: { row: QueueRow }) {
  const { platform } = useSession();
  const actor = useActor();
  const { t } = useTranslation();
  const print = usePrintPackageLabels();
  const { state: printersState } = usePrinters();
  const [log, setLog] = useState<PrintLogEntry[]>([]);
  const [dialog, setDialog] = useState<'print' | 'reprint' | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<PrintOutcomeValue | null>(null);
  const { order } = props.row;
  const printers = printersState.status === 'ready' ? printersState.printers : [];

  const loadLog = useCallback(async () => {
    try {
      setLog(await platform.listPrintLog({ orderId: order.id }));
    } catch (err) {
      console.error('reading the print log failed', err);
      setOutcome({ ok: false, title: t('printing.failed'), error: toCodedError(err, 'INTERNAL') });
    }
  }, [platform, order.id, t]);
  useEffect(() => {
    setOutcome(null);
    void loadLog();
  }, [loadLog]);

  const printed = printedPackages(log);
  const gate = (action: Action) => gateOf(actor.roles, action);
  const notAllowed = (action: Action) =>
    gate(action) === 'allowed' ? undefined : t('printing.notAllowed', { roles: PERMISSIONS[action].roles.map((r) => t(`role.${r}`)).join(', ') });

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ ok: true, text: await work() });
      setDialog(null);
    } catch (err) {
      console.error('printing labels failed', err);
      setOutcome({ ok: false, title: t('printing.failed'), error: toCodedError(err, 'INTERNAL') });
      setDialog(null);
    } finally {
      setBusy(false);
      void loadLog();
    }
  };

  const onPrint = (printerId: string, count: number) =>
    void run(async () => {
      const results = await print(order, packagesOf(count), printerId, actor.operatorId);
      const pdf = results.find((r) => r.pdfPath)?.pdfPath;
      return `${t('printing.printed', { count: results.length })}${pdf ? ` ${t('printing.pdfWritten', { path: pdf })}` : ''}`;
    });

  const onReprint = (packageId: string, reason: string, printerId: string | undefined) =>
    void run(async () => {
      const result = await platform.reprintLabel({ packageId, operatorId: actor.operatorId, reason, ...(printerId ? { printerId } : {}) });
      return `${t('printing.reprinted', { packageId })}${result.pdfPath ? ` ${t('printing.pdfWritten', { path: result.pdfPath })}` : ''}`;
    });

  return (
    <section data-testid="print-labels-bar" style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button
          data-testid="print-labels"
          data-gate={gate('label.print')}
          size="large"
          disabled={busy || gate('label.print') !== 'allowed'}
          title={notAllowed('label.print')}
          onClick={() => setDialog('print')}
          style={{ height: 56, fontSize: 20, fontWeight: 700 }}
        >
          {t('printing.print')}
        </Button>
        <Button
          data-testid="reprint-label"
          data-gate={gate('label.reprint')}
          size="large"
          disabled={busy || printed.length === 0 || gate('label.reprint') !== 'allowed'}
          title={notAllowed('label.reprint')}
          onClick={() => setDialog('reprint')}
          style={{ height: 56, fontSize: 20 }}
        >
          {t('printing.reprint')}
        </Button>
        <span data-testid="print-history" data-count={printed.length} style={{ fontSize: 16, color: '#434343' }}>
          {printed.length ? t('printing.history', { packages: printed.map((p) => `${p.packageNo}/${p.packageCount}`).join(', ') }) : t('printing.none')}
        </span>
      </div>
      <PrintOutcome value={outcome} testId="print-labels-result" />
      <PrintDialog
        open={dialog === 'print'}
        orderId={order.id}
        printers={printers}
        defaultCount={knownPackageCount(log)}
        busy={busy}
        onPrint={onPrint}
        onCancel={() => setDialog(null)}
      />
      <ReprintDialog
        open={dialog === 'reprint'}
        orderId={order.id}
        printers={printers}
        packages={printed}
        busy={busy}
        onReprint={onReprint}
        onCancel={() => setDialog(null)}
      />
    </section>
  );
}
