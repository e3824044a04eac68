import { App, Button, Card, Empty, Input, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import { SUPPLIER_FEEDBACK_TEXT_MAX } from '../../../sync/protocol/supplier.js';
import { supplierConsoleRoutes, type SupplierAnswerFeedbackRequest, type SupplierConsoleFeedback, type SupplierConsoleFeedbackResponse } from '../../../sync/protocol/supplier-console.js';
import { api, toApiError, type ApiError } from '../../shared/api.js';
import { dateTime } from '../../shared/format.js';
import { useT } from '../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { Link } from '../router.js';
import { useQueryParam } from './common.js';

type Show = 'open' | 'answered' | 'all';

/**
 * What suppliers asked finance through the portal, the unanswered first and oldest first, each with its answer box:
 * Tab from one to the next, Ctrl+Enter sends. An answer can be changed later (sending again replaces it).
 */
export default function FeedbackPage() {
  const { t } = useT();
  const [showParam, setShow] = useQueryParam('show');
  const show: Show = showParam === 'answered' || showParam === 'all' ? showParam : 'open';
  const list = useLoad(
    () => api.get<SupplierConsoleFeedbackResponse>(supplierConsoleRoutes.feedback, { status: show === 'all' ? undefined : show }),
    [show],
  );
  const items = list.data?.feedback ?? [];

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <span>{t('stmt.feedback.filter')}</span>
        <Segmented<Show>
          data-testid="feedback-filter"
          value={show}
          onChange={(v) => setShow(v === 'open' ? null : v)}
          options={[
            { value: 'open', label: t('stmt.feedback.unanswered') },
            { value: 'answered', label: t('stmt.feedback.answeredFilter') },
            { value: 'all', label: t('stmt.feedback.all') },
          ]}
        />
      </Space>
      <ErrorAlert error={list.error} />
      {list.loading && !list.data ? <Spin /> : items.length === 0 ? <Empty description={t('stmt.feedback.none')} /> : null}
      <div data-testid="feedback-list" style={{ display: 'flex', flexDirection: 'column', gap: 12, maxWidth: 960 }}>
        {items.map((f) => (
          <FeedbackCard key={f.id} item={f} onAnswered={list.reload} />
        ))}
      </div>
    </>
  );
}

function FeedbackCard(props: { item: SupplierConsoleFeedback; onAnswered(): void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const f = props.item;
  const [answer, setAnswer] = useState(f.answer ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const empty = answer.trim() === '';

  const send = async () => {
    if (empty || busy) return;
    setBusy(true);
    setError(null);
    try {
      const body: SupplierAnswerFeedbackRequest = { answer: answer.trim() };
      await api.post<SupplierConsoleFeedback>(supplierConsoleRoutes.answerFeedback(f.id), body);
      void message.success(t('stmt.feedback.sent'));
      props.onAnswered();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <Card
      size="small"
      data-testid="feedback-item"
      data-id={f.id}
      title={
        <Space wrap>
          <Tag color={f.answer ? 'green' : 'orange'}>{f.answer ? t('stmt.feedback.answeredFilter') : t('stmt.feedback.unanswered')}</Tag>
          <strong>{f.subject}</strong>
        </Space>
      }
      extra={<Typography.Text type="secondary">{`${f.supplierId} ${f.supplierName} · ${dateTime(f.askedAt)}`}</Typography.Text>}
    >
      {f.statementNumber && (
        <div style={{ marginBottom: 8 }}>
          {t('stmt.feedback.statement')}: <Link to={`settlement/statements?q=${encodeURIComponent(f.statementNumber)}`}>{f.statementNumber}</Link>
        </div>
      )}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{f.question}</Typography.Paragraph>
      {f.answeredAt && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('stmt.feedback.answeredBy', { by: f.answeredBy ?? '', at: dateTime(f.answeredAt) })}
        </Typography.Paragraph>
      )}
      <ErrorAlert error={error} />
      <Input.TextArea
        rows={3}
        maxLength={SUPPLIER_FEEDBACK_TEXT_MAX}
        value={answer}
        aria-label={t('stmt.feedback.answer')}
        placeholder={t('stmt.feedback.answerPlaceholder')}
        onChange={(e) => setAnswer(e.target.value)}
        onKeyDown={onKey}
        data-testid="feedback-answer"
      />
      <Button type="primary" style={{ marginTop: 8 }} disabled={empty || answer.trim() === (f.answer ?? '')} loading={busy} onClick={() => void send()} data-testid="feedback-send">
        {t('stmt.feedback.send')}
      </Button>
    </Card>
  );
}
