import { App, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import {
  settlementRoutes,
  type MarkPaidRequest,
  type StatementDetailResponse,
  type StatementView,
} from '../../../sync/protocol/settlement.js';
import { api, toApiError, urlOf, type ApiError } from '../../shared/api.js';
import { dateTime, yuan } from '../../shared/format.js';
import { useT } from '../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { Link, navigate } from '../router.js';
import { StatusTag, useKeys, useQueryParam } from './common.js';
import { CorrectDialog, AnswerDialog } from './CorrectDialog.js';
import { StatementLines } from './StatementLines.js';
import { detailPath } from './StatementsPage.js';

/**
 * One statement version: its lines and totals as frozen when it was drafted, what happened to it, and its other
 * versions. Finance issues a draft, answers a dispute (a corrected version with its reason, or the figures stand),
 * records the payment, prints and exports. Keys: P print, X export, Esc back to the list.
 */
export default function StatementDetailPage() {
  const { t, locale } = useT();
  const { message, modal } = App.useApp();
  const [id] = useQueryParam('id');
  const detail = useLoad(() => (id ? api.get<StatementDetailResponse>(settlementRoutes.statement(id)) : Promise.resolve(undefined)), [id]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<'correct' | 'answer' | null>(null);

  const s = detail.data?.statement;
  const pdfHref = s ? settlementRoutes.pdf(s.id) : '';
  const xlsxHref = s ? urlOf(settlementRoutes.export(s.id), { format: 'xlsx', lang: locale }) : '';
  const back = () => navigate(s ? `settlement/statements?period=${s.periodFrom}` : 'settlement/statements');

  useKeys({
    p: () => pdfHref && window.open(pdfHref, '_blank', 'noopener'),
    x: () => xlsxHref && window.location.assign(xlsxHref),
    Escape: back,
  });

  if (!id) return <Result status="404" title={t('common.notFound')} />;
  if (detail.loading && !detail.data) return <Spin />;
  if (!s || !detail.data) return <ErrorAlert error={detail.error} />;
  const { events, versions } = detail.data;
  const dispute = [...events].reverse().find((e) => e.type === 'disputed');

  const act = async (call: () => Promise<StatementView>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      void message.success(done);
      detail.reload();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const issue = () => void act(() => api.post<StatementView>(settlementRoutes.issue(s.id), {}), t('stmt.detail.issuedOne'));
  const markPaid = () =>
    void modal.confirm({
      title: t('stmt.detail.markPaid'),
      content: t('stmt.detail.markPaidConfirm', { amount: yuan(s.payable), supplier: `${s.supplierId} ${s.body.supplier.name}` }),
      okText: t('stmt.detail.markPaid'),
      cancelText: t('common.cancel'),
      onOk: () => act(() => api.post<StatementView>(settlementRoutes.paid(s.id), {} satisfies MarkPaidRequest), t('stmt.detail.paid')),
    });

  const current = s.status !== 'superseded';
  return (
    <div data-testid="statement-detail" data-id={s.id} data-status={s.status}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button onClick={back} data-testid="statement-back">← {t('stmt.detail.back')}</Button>
        {current && s.status === 'draft' && <Button type="primary" loading={busy} onClick={issue} data-testid="statement-issue">{t('stmt.detail.issueOne')}</Button>}
        {current && s.status === 'disputed' && (
          <>
            <Button type="primary" danger onClick={() => setDialog('correct')} data-testid="statement-correct">{t('stmt.detail.resolve')}</Button>
            <Button onClick={() => setDialog('answer')} data-testid="statement-answer">{t('stmt.detail.answer')}</Button>
          </>
        )}
        {current && (s.status === 'issued' || s.status === 'confirmed') && (
          <Button onClick={() => setDialog('correct')} data-testid="statement-correct">{t('stmt.detail.correct')}</Button>
        )}
        {current && (s.status === 'confirmed' || s.status === 'resolved') && (
          <Button type="primary" loading={busy} onClick={markPaid} data-testid="statement-paid">{t('stmt.detail.markPaid')}</Button>
        )}
        <Button href={pdfHref} target="_blank" rel="noopener" data-testid="statement-pdf">{t('stmt.detail.printPdf')}</Button>
        <Button href={xlsxHref} download data-testid="statement-xlsx">{t('stmt.detail.exportXlsx')}</Button>
        <Typography.Text type="secondary">{t('stmt.detail.keys')}</Typography.Text>
      </Space>
      <ErrorAlert error={error} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap align="center" style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
          <Space wrap align="center">
            <Typography.Title level={4} style={{ margin: 0 }} copyable={{ text: s.number }} data-testid="statement-number">{s.number}</Typography.Title>
            <Tag>{t('stmt.detail.versionOf', { v: s.version })}</Tag>
            <StatusTag status={s.status} />
          </Space>
          <Space align="baseline">
            <Typography.Text type="secondary">{t('stmt.payable')}</Typography.Text>
            <Typography.Text strong style={{ fontSize: 20 }} data-testid="statement-payable">{yuan(s.payable)}</Typography.Text>
          </Space>
        </Space>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('stmt.counter')}>{`${s.counterId} ${s.body.counter.name} (${s.body.counter.areaCode})`}</Descriptions.Item>
          <Descriptions.Item label={t('stmt.supplier')}>{`${s.supplierId} ${s.body.supplier.name}`}</Descriptions.Item>
          <Descriptions.Item label={t('stmt.store')}>{s.storeId}</Descriptions.Item>
          <Descriptions.Item label={t('stmt.period')}>{`${s.periodLabel} (${s.periodFrom} – ${s.periodTo})`}</Descriptions.Item>
          <Descriptions.Item label={t('stmt.issuedAt')}>{s.issuedAt ? dateTime(s.issuedAt) : t('stmt.due', { day: s.dueDate })}</Descriptions.Item>
          {s.correctionReason && (
            <Descriptions.Item label={t('stmt.detail.correctionReason')} span={3}>{s.correctionReason}</Descriptions.Item>
          )}
          {dispute && (
            <Descriptions.Item label={t('stmt.detail.disputeComment')} span={3}>
              <Typography.Text type="danger">{dispute.comment ?? ''}</Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <StatementLines body={s.body} />
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('stmt.detail.history')} style={{ marginBottom: 12 }} data-testid="statement-events">
            {events.length === 0 ? (
              <Typography.Text type="secondary">{t('stmt.detail.noEvents')}</Typography.Text>
            ) : (
              <Timeline
                items={events.map((e) => ({
                  key: e.id,
                  color: e.type === 'disputed' ? 'red' : e.type === 'paid' ? 'green' : 'blue',
                  content: (
                    <div data-event={e.type}>
                      <strong>{t(`stmt.events.${e.type}`)}</strong> · {e.by} · {dateTime(e.at)}
                      {e.comment && <div><Typography.Text type="secondary">{e.comment}</Typography.Text></div>}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
          {versions.length > 1 && (
            <Card size="small" title={t('stmt.detail.versions')} data-testid="statement-versions">
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={versions}
                columns={[
                  { title: t('stmt.version'), dataIndex: 'version', width: 60, render: (v: number, r) => (r.id === s.id ? <strong>v{v}</strong> : <Link to={detailPath(r.id)}>v{v}</Link>) },
                  { title: t('stmt.status'), dataIndex: 'status', render: (st: StatementView['status']) => <StatusTag status={st} /> },
                  { title: t('stmt.detail.correctionReason'), dataIndex: 'correctionReason', render: (r: string | null) => r ?? '—' },
                ]}
              />
            </Card>
          )}
        </Col>
      </Row>
      {dialog === 'correct' && (
        <CorrectDialog
          statement={s}
          dispute={dispute?.comment ?? null}
          onClose={(made) => {
            setDialog(null);
            if (made) {
              void message.success(t('stmt.detail.resolved', { v: made.version }));
              navigate(detailPath(made.id));
            }
          }}
        />
      )}
      {dialog === 'answer' && (
        <AnswerDialog
          statement={s}
          dispute={dispute?.comment ?? null}
          onClose={(done) => {
            setDialog(null);
            if (done) {
              void message.success(t('stmt.detail.answered'));
              detail.reload();
            }
          }}
        />
      )}
    </div>
  );
}
