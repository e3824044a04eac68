import { Descriptions, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { RESOLUTION_KINDS, reconRoutes, type ExceptionView, type ResolutionKind, type ResolutionView, type ResolveRequest } from '../../../../sync/protocol/reconciliation.js';
import { api, toApiError, type ApiError } from '../../../shared/api.js';
import { useT } from '../../../shared/i18n/index.js';
import { yuan } from '../../../shared/format.js';
import { ErrorAlert } from '../../../shared/ui.js';

/** Finance's three answers to an exception; a write-off needs its reason (the server says so too). */
export function ResolveDialog(props: { exception: ExceptionView; onClose(resolved: boolean): void }) {
  const { t } = useT();
  const x = props.exception;
  const [kind, setKind] = useState<ResolutionKind>('accept_provider');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const needsReason = kind === 'write_off';

  const submit = async () => {
    if (needsReason && reason.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      const body: ResolveRequest = { kind, ...(reason.trim() ? { reason: reason.trim() } : {}) };
      await api.post<ResolutionView>(reconRoutes.resolve(x.key), body);
      props.onClose(true);
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('resolve.title')}
      okText={t('resolve.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={() => props.onClose(false)}
      okButtonProps={{ disabled: needsReason && reason.trim() === '', loading: busy, ...({ 'data-testid': 'resolve-submit' } as Record<`data-${string}`, string>) }}
      data-testid="resolve-dialog"
      width={620}
    >
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('exceptions.type')}>{t(`exceptionTypes.${x.type}`)}</Descriptions.Item>
        <Descriptions.Item label={t('exceptions.amount')}>{yuan(x.amount)}</Descriptions.Item>
        <Descriptions.Item label={t('exceptions.ours')}>{yuan(x.ours)}</Descriptions.Item>
        <Descriptions.Item label={t('exceptions.theirs')}>{yuan(x.theirs)}</Descriptions.Item>
        <Descriptions.Item label={t('exceptions.order')}>{x.orderId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('common.store')}>{x.storeId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('exceptions.detail')} span={2}>{x.detail}</Descriptions.Item>
      </Descriptions>
      <ErrorAlert error={error} />
      <Form layout="vertical">
        <Form.Item label={t('resolve.kind')}>
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as ResolutionKind)} data-testid="resolve-kind">
            <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {RESOLUTION_KINDS.map((k) => (
                <Radio key={k} value={k} data-testid={`resolve-${k}`}>
                  {t(`resolve.kinds.${k}`)}
                </Radio>
              ))}
            </div>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('resolve.reason')} required={needsReason} help={needsReason && reason.trim() === '' ? t('resolve.reasonRequired') : undefined}>
          <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="resolve-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
