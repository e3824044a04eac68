import { App, Button, Card, Form, Input, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { SUPPLIER_FEEDBACK_SUBJECT_MAX, SUPPLIER_FEEDBACK_TEXT_MAX, type SupplierFeedback, type SupplierFeedbackRequest } from '../../../sync/protocol/supplier.js';
import { toApiError, type ApiError } from '../../shared/api.js';
import { dateTime } from '../../shared/format.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { supplierApi } from '../api.js';
import { useT } from '../i18n/index.js';

/** A question to the chain's finance (optionally about a statement), and the answers to earlier ones. */
export default function FeedbackPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SupplierFeedbackRequest>();
  const list = useLoad(() => supplierApi.feedback(), []);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (v: SupplierFeedbackRequest) => {
    setBusy(true);
    setError(null);
    try {
      await supplierApi.ask({ subject: v.subject.trim(), question: v.question.trim(), ...(v.statementNumber?.trim() ? { statementNumber: v.statementNumber.trim() } : {}) });
      form.resetFields();
      void message.success(t('feedback.sent'));
      list.reload();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card size="small" title={t('feedback.new')} style={{ marginBottom: 16, maxWidth: 720 }}>
        <ErrorAlert error={error} />
        <Form<SupplierFeedbackRequest> form={form} layout="vertical" onFinish={(v) => void send(v)} requiredMark={false}>
          <Form.Item name="subject" label={t('feedback.subject')} rules={[{ required: true, whitespace: true, message: t('feedback.required') }]}>
            <Input maxLength={SUPPLIER_FEEDBACK_SUBJECT_MAX} data-testid="feedback-subject" />
          </Form.Item>
          <Form.Item name="question" label={t('feedback.question')} rules={[{ required: true, whitespace: true, message: t('feedback.required') }]}>
            <Input.TextArea rows={4} maxLength={SUPPLIER_FEEDBACK_TEXT_MAX} showCount data-testid="feedback-question" />
          </Form.Item>
          <Form.Item name="statementNumber" label={t('feedback.statementNumber')}>
            <Input placeholder="JS202611-C001" data-testid="feedback-statement" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="feedback-send">{t('feedback.send')}</Button>
        </Form>
      </Card>
      <Typography.Title level={4}>{t('feedback.mine')}</Typography.Title>
      <ErrorAlert error={list.error} />
      <List<SupplierFeedback>
        data-testid="feedback-list"
        loading={list.loading}
        dataSource={list.data?.feedback ?? []}
        locale={{ emptyText: t('common.empty') }}
        renderItem={(f) => (
          <List.Item key={f.id}>
            <List.Item.Meta
              title={<span>{f.subject}{f.statementNumber ? <Tag style={{ marginLeft: 8 }}>{f.statementNumber}</Tag> : null}</span>}
              description={
                <div>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{f.question}</Typography.Paragraph>
                  <Typography.Text type="secondary">{t('feedback.asked')}: {dateTime(f.askedAt)}</Typography.Text>
                  {f.answer ? (
                    <Card size="small" style={{ marginTop: 8, background: '#f6ffed' }} data-testid="feedback-answer">
                      <Typography.Text strong>{t('feedback.answer')}</Typography.Text>
                      {f.answeredAt ? <Typography.Text type="secondary"> · {dateTime(f.answeredAt)}</Typography.Text> : null}
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{f.answer}</Typography.Paragraph>
                    </Card>
                  ) : (
                    <div><Tag color="gold" style={{ marginTop: 8 }}>{t('feedback.waiting')}</Tag></div>
                  )}
                </div>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
