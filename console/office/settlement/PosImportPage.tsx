import { Alert, Button, Card, Descriptions, Form, Table, Typography } from 'antd';
import { useState } from 'react';
import type { PosImport, PosImportResponse, PosRowError } from '../../../sync/protocol/settlement-master.js';
import { toApiError, type ApiError } from '../../shared/api.js';
import { yuan } from '../../shared/format.js';
import { useT } from '../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { masterApi } from './master-api.js';

/**
 * A till sales CSV sent as it is: the server checks it against itself and the master data and stores it whole, or
 * refuses it whole with every fault by line and column, shown here as a table to fix the file by.
 */
export default function PosImportPage() {
  const { t } = useT();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<PosImportResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const history = useLoad(() => masterApi.posImports(), []);

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await masterApi.importPos(file));
      history.reload();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const faults = (error?.details.errors as PosRowError[] | undefined) ?? [];

  return (
    <>
      <Card size="small" style={{ maxWidth: 900, marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('master.pos.intro')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('master.pos.columns')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={() => void submit()}>
          <Form.Item label={t('master.pos.file')} htmlFor="pos-file">
            <input
              id="pos-file"
              type="file"
              accept=".csv,text/csv"
              data-testid="pos-file"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setResult(null);
                setError(null);
              }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={!file} loading={busy} data-testid="pos-import">{t('master.pos.submit')}</Button>
        </Form>
        <div style={{ marginTop: 16 }}>
          <ErrorAlert error={error} />
          {faults.length > 0 && (
            <Table<PosRowError>
              data-testid="pos-faults"
              size="small"
              rowKey={(f) => `${f.line}-${f.column ?? ''}-${f.message}`}
              dataSource={faults}
              pagination={false}
              footer={error?.details.more ? () => t('master.pos.more') : undefined}
              columns={[
                { title: t('master.pos.line'), dataIndex: 'line', width: 80 },
                { title: t('master.pos.column'), dataIndex: 'column', width: 110 },
                { title: t('master.pos.problem'), dataIndex: 'message' },
              ]}
            />
          )}
          {result && (
            <Alert
              type={result.outcome === 'unchanged' ? 'info' : 'success'}
              data-testid="pos-result"
              data-outcome={result.outcome}
              title={result.outcome === 'unchanged' ? t('master.pos.unchanged') : t('master.pos.imported', { rows: result.import.rows })}
              description={
                <Descriptions size="small" column={2} bordered style={{ marginTop: 8 }}>
                  <Descriptions.Item label={t('master.pos.fileName')}>{result.import.fileName}</Descriptions.Item>
                  <Descriptions.Item label={t('master.pos.rows')}>{result.import.rows}</Descriptions.Item>
                  <Descriptions.Item label={t('master.pos.qty')}>{result.qty}</Descriptions.Item>
                  <Descriptions.Item label={t('master.pos.amount')}><span data-testid="pos-total">{yuan(result.import.total)}</span></Descriptions.Item>
                  <Descriptions.Item label={t('master.pos.returns')}>{yuan(result.returns)}</Descriptions.Item>
                  <Descriptions.Item label="SHA-256"><Typography.Text code copyable>{result.import.fileHash.slice(0, 16)}</Typography.Text></Descriptions.Item>
                </Descriptions>
              }
            />
          )}
        </div>
      </Card>
      <Typography.Title level={5}>{t('master.pos.history')}</Typography.Title>
      <ErrorAlert error={history.error} />
      <Table<PosImport>
        data-testid="pos-history"
        rowKey="id"
        size="small"
        loading={history.loading}
        dataSource={history.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('master.pos.fileName'), dataIndex: 'fileName' },
          { title: t('master.pos.rows'), dataIndex: 'rows', align: 'right' },
          { title: t('master.pos.amount'), dataIndex: 'total', align: 'right', render: (f: number) => yuan(f) },
          { title: t('master.by'), dataIndex: 'importedBy' },
          { title: t('master.at'), dataIndex: 'importedAt', render: (at: string) => new Date(at).toLocaleString() },
        ]}
      />
    </>
  );
}
