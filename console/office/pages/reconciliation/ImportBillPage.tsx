import { Alert, Button, Card, Descriptions, Form, Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { BILL_PROVIDERS, type BillProvider } from '../../../../sync/model/money/bill.js';
import { reconRoutes, type BillImportResponse } from '../../../../sync/protocol/reconciliation.js';
import { api, toApiError, type ApiError } from '../../../shared/api.js';
import { useT } from '../../../shared/i18n/index.js';
import { yuan } from '../../../shared/format.js';
import { ErrorAlert } from '../../../shared/ui.js';
import { Link } from '../../router.js';

/**
 * A provider's bill, exactly as downloaded, sent as it is: the server parses, checks its totals and stores it whole
 * or refuses it whole (with the code and, where it applies, the line).
 */
export default function ImportBillPage() {
  const { t } = useT();
  const [provider, setProvider] = useState<BillProvider>('wechat');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<BillImportResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.upload<BillImportResponse>(reconRoutes.importBill, file, { provider }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const line = error && typeof error.details.line === 'number' ? t('import.line', { line: error.details.line }) : undefined;

  return (
    <Card size="small" style={{ maxWidth: 860 }}>
      <Typography.Paragraph type="secondary">{t('import.intro')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item label={t('import.provider')} htmlFor="bill-provider">
          <Select<BillProvider>
            id="bill-provider"
            data-testid="bill-provider"
            value={provider}
            onChange={setProvider}
            style={{ width: 280 }}
            options={BILL_PROVIDERS.map((p) => ({ value: p, label: t(`providers.${p}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('import.file')} htmlFor="bill-file" extra={t(provider === 'wechat' ? 'import.wechatHint' : 'import.alipayHint')}>
          <input
            id="bill-file"
            ref={input}
            type="file"
            data-testid="bill-file"
            accept={provider === 'wechat' ? '.csv,text/csv' : '.zip,application/zip'}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setResult(null);
              setError(null);
            }}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={!file} loading={busy} data-testid="bill-import">{t('import.submit')}</Button>
      </Form>
      <div style={{ marginTop: 16 }}>
        <ErrorAlert error={error} extra={line} />
        {result && (
          <Alert
            type={result.outcome === 'unchanged' ? 'info' : 'success'}
            data-testid="import-result"
            data-outcome={result.outcome}
            title={t(`import.outcome.${result.outcome}`, { day: result.billDate })}
            description={
              <>
                <Descriptions size="small" column={3} bordered style={{ marginTop: 8 }}>
                  <Descriptions.Item label={t('import.billDate')}>{result.billDate}</Descriptions.Item>
                  <Descriptions.Item label={t('import.provider')}>{t(`providers.${result.provider}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('import.items')}><span data-testid="import-items">{result.counts.items}</span></Descriptions.Item>
                  <Descriptions.Item label={t('import.payments')}>{result.counts.payments}</Descriptions.Item>
                  <Descriptions.Item label={t('import.refunds')}>{result.counts.refunds}</Descriptions.Item>
                  <Descriptions.Item label={t('import.fees')}>{yuan(result.totals.fees)}</Descriptions.Item>
                  <Descriptions.Item label={t('import.paid')}>{yuan(result.totals.paid)}</Descriptions.Item>
                  <Descriptions.Item label={t('import.refunded')}>{yuan(result.totals.refunded)}</Descriptions.Item>
                </Descriptions>
                <div style={{ marginTop: 8 }}>
                  <Link to="reconciliation/exceptions" data-testid="to-exceptions">{t('import.toExceptions')}</Link>
                </div>
              </>
            }
          />
        )}
      </div>
    </Card>
  );
}
