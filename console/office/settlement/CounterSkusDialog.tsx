import { Alert, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Counter, SkuClash } from '../../../sync/protocol/settlement-master.js';
import { toApiError, type ApiError } from '../../shared/api.js';
import { useT } from '../../shared/i18n/index.js';
import { ErrorAlert } from '../../shared/ui.js';
import { masterApi } from './master-api.js';

/** A pasted list or a CSV's first column to SKUs: split on line breaks, commas, tabs and blanks; a header row of
 *  letters only ("sku", "商品编码") is the reader's to drop, so only cells that look like codes are kept. */
export function skusOfText(text: string): string[] {
  const cells = text.replace(/^\uFEFF/, '').split(/[\r\n,;\t ]+/).map((c) => c.replace(/^"|"$/g, '').trim()).filter(Boolean);
  return [...new Set(cells.filter((c) => !/^(sku|商品编码|商品)$/i.test(c)))];
}

/** The counter's SKUs as one text to edit; saving sends the whole set (the server refuses a clash, naming it). */
export function CounterSkusDialog(props: { counter: Counter; canWrite: boolean; onClose(): void; onSaved(): void }) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    masterApi.skus(props.counter.id).then((r) => setText(r.skus.join('\n')), (e: unknown) => setError(toApiError(e)));
  }, [props.counter.id]);
  const skus = skusOfText(text);

  const fromFile = async (file: File | undefined) => {
    if (!file) return;
    // Only the first column of each line: a CSV export of a catalogue carries names and prices beside the SKU.
    const firstColumn = (await file.text()).split(/\r?\n/).map((l) => l.split(/[,\t]/)[0] ?? '').join('\n');
    setText(firstColumn);
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await masterApi.setSkus(props.counter.id, skus);
      props.onSaved();
      props.onClose();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const clashes = (error?.details.clashes as SkuClash[] | undefined) ?? [];

  return (
    <Modal
      open
      width={640}
      title={t('master.counters.skusTitle', { id: props.counter.id })}
      okText={t('master.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !props.canWrite, loading: busy, ...{ 'data-testid': 'skus-save' } }}
      onOk={() => void save()}
      onCancel={props.onClose}
    >
      <ErrorAlert error={error} />
      {clashes.length > 0 && (
        <Alert type="warning" style={{ marginBottom: 12 }} data-testid="sku-clashes" title={clashes.map((c) => t('master.counters.clash', c as unknown as Record<string, string>)).join('；')} />
      )}
      {props.canWrite && <Typography.Paragraph type="secondary">{t('master.counters.skusHint')}</Typography.Paragraph>}
      <Input.TextArea
        autoFocus
        aria-label={t('master.counters.skus')}
        data-testid="skus-text"
        readOnly={!props.canWrite}
        rows={12}
        value={text}
        onChange={(e) => setText(e.target.value)}
        style={{ fontFamily: 'monospace' }}
      />
      <div style={{ marginTop: 8, display: 'flex', justifyContent: 'space-between' }}>
        <span data-testid="skus-count">{t('master.counters.skusCount', { n: skus.length })}</span>
        {props.canWrite && (
          <label>
            {t('master.counters.skusFile')}{' '}
            <input type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(e) => void fromFile(e.target.files?.[0])} data-testid="skus-file" />
          </label>
        )}
      </div>
    </Modal>
  );
}
