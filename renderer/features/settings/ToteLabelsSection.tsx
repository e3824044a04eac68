import { useState } from 'react';
import { Alert, Button, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEFAULT_STORE_SETTINGS } from '../../../sync/model/index.js';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { toCodedError } from '../../ui/errors.js';
import { PrintOutcome, type PrintOutcomeValue } from '../printing/PrintOutcome.js';
import { labelStore } from '../printing/use-print-labels.js';
import { storeSettings$ } from '../signin/store-settings.js';

const MAX_TOTE = 999;

/**
 * The put-wall's tote labels (Settings, F4): a sheet with a Code 128 `TOTE:n` per tote, printed like a pick list
 * (the OS print system, or a PDF to print by hand). By default as many totes as the store's biggest batch.
 */
export function ToteLabelsSection() {
  const { t } = useTranslation();
  const { db, platform, device } = useSession();
  const settings = useObservable(() => storeSettings$(db, device.storeId), [db, device.storeId]);
  const batchSize = settings.status === 'ready' ? settings.value.maxOrdersPerBatch : DEFAULT_STORE_SETTINGS.maxOrdersPerBatch;
  const [from, setFrom] = useState<number | null>(1);
  const [to, setTo] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  // What happened, kept as data so it reads in the language on screen: handed to a printer, or only saved.
  const [done, setDone] = useState<{ from: number; to: number; path: string; via: string | null } | null>(null);
  const [failure, setFailure] = useState<PrintOutcomeValue | null>(null);
  const last = to ?? batchSize;

  const print = async () => {
    if (from === null) return;
    setBusy(true);
    setDone(null);
    setFailure(null);
    try {
      const { name } = await labelStore(db, device.storeId);
      const { path, handedTo } = await platform.printToteLabels({ storeName: name, from, to: last });
      setDone({ from, to: last, path, via: handedTo });
    } catch (err) {
      console.error('printing tote labels failed', err);
      setFailure({ ok: false, title: t('picking.toteSheet.failed'), error: toCodedError(err, 'INTERNAL') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section data-testid="tote-labels" data-path={done?.path ?? ''} style={{ display: 'flex', flexDirection: 'column', gap: 12, padding: 16, border: '1px solid #d9d9d9', borderRadius: 8, background: '#fff' }}>
      <h2 style={{ fontSize: 24, margin: 0 }}>{t('picking.toteSheet.title')}</h2>
      <span style={{ fontSize: 16, color: '#434343' }}>{t('picking.toteSheet.intro')}</span>
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', fontSize: 18, whiteSpace: 'nowrap' }}>
        <span>{t('picking.toteSheet.from')}</span>
        <InputNumber data-testid="tote-labels-from" min={1} max={MAX_TOTE} value={from} onChange={(v) => setFrom(v)} style={{ width: 100, fontSize: 18 }} />
        <span>{t('picking.toteSheet.to')}</span>
        <InputNumber data-testid="tote-labels-to" min={1} max={MAX_TOTE} value={last} onChange={(v) => setTo(v)} style={{ width: 100, fontSize: 18 }} />
        <Button data-testid="tote-labels-print" type="primary" size="large" loading={busy} disabled={from === null} onClick={() => void print()}>
          {t('picking.toteSheet.print')}
        </Button>
      </div>
      {done && (
        <Alert
          data-testid="tote-labels-result"
          data-outcome={done.via === null ? 'saved' : 'sent'}
          type={done.via === null ? 'warning' : 'success'}
          showIcon
          title={<span style={{ fontSize: 17, overflowWrap: 'anywhere' }}>{t(done.via === null ? 'picking.toteSheet.saved' : 'picking.toteSheet.sent', { ...done, via: done.via ?? '' })}</span>}
        />
      )}
      <PrintOutcome value={failure} testId="tote-labels-result" />
    </section>
  );
}
