import { Alert, Button, Card, Form, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { toApiError, type ApiError } from '../../../shared/api.js';
import type { ConsoleEnrollmentCodeResponse } from '../../../../sync/protocol/console.js';
import { authApi } from '../../../shared/auth-api.js';
import { useT } from '../../../shared/i18n/index.js';
import { ErrorAlert } from '../../../shared/ui.js';
import { StoreSelect } from '../../StoreSelect.js';

export default function EnrollmentCodesPage() {
  const { t } = useT();
  const [storeId, setStoreId] = useState<string | undefined>(undefined);
  const [ttl, setTtl] = useState<number>(60);
  const [issued, setIssued] = useState<ConsoleEnrollmentCodeResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const issue = async () => {
    if (!storeId) return;
    setBusy(true);
    setError(null);
    try {
      setIssued(await authApi.issueCode(storeId, { ttlMinutes: ttl }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{t('codes.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form layout="inline" onFinish={() => void issue()}>
        <Form.Item label={t('common.store')} required>
          <StoreSelect value={storeId} onChange={setStoreId} testId="code-store" />
        </Form.Item>
        <Form.Item label={t('codes.ttl')}>
          <InputNumber min={1} max={24 * 60} value={ttl} onChange={(v) => setTtl(typeof v === 'number' ? v : 60)} data-testid="code-ttl" />
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={!storeId} loading={busy} data-testid="code-issue">{t('codes.issue')}</Button>
      </Form>
      {issued && (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          title={t('codes.issued', { storeId: issued.storeId })}
          description={
            <>
              <Typography.Text code copyable style={{ fontSize: 28 }} data-testid="code-value">{issued.code}</Typography.Text>
              <div>{t('codes.expires', { at: new Date(issued.expiresAt).toLocaleString() })}</div>
            </>
          }
        />
      )}
    </Card>
  );
}
