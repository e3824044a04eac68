import { App, Button, Card, Collapse, Descriptions, Input, Modal, Popconfirm, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { DeductionKind, StatementDeductionLine, StatementGroupLine } from '../../../sync/protocol/settlement.js';
import { supplierRoutes, SUPPLIER_DISPUTE_COMMENT_MAX, type SupplierStatementDetail, type SupplierStatementVersion } from '../../../sync/protocol/supplier.js';
import { toApiError, type ApiError } from '../../shared/api.js';
import { dateTime, percentOfBp, yuan } from '../../shared/format.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { exportUrl, supplierApi } from '../api.js';
import { useT } from '../i18n/index.js';
import { ResponsiveRows, usePhone } from '../parts.js';
import { Link } from '../router.js';
import { StatusTag } from '../StatusTag.js';

/** One statement (its number from the address): the current version in full, confirm or dispute, print, export. */
export default function StatementPage(props: { param?: string }) {
  const number = props.param ?? '';
  const { t } = useT();
  const loaded = useLoad(() => supplierApi.statement(number), [number]);
  const [detail, setDetail] = useState<SupplierStatementDetail | null>(null);
  const s = detail ?? loaded.data;

  return (
    <>
      <Link to="statements" className="no-print" data-testid="back">← {t('common.back')}</Link>
      <ErrorAlert error={loaded.error} />
      {s && <Statement s={s} onChange={setDetail} />}
    </>
  );
}

function Statement(props: { s: SupplierStatementDetail; onChange(d: SupplierStatementDetail): void }) {
  const { s } = props;
  const { t } = useT();
  const phone = usePhone();
  const v = s.current;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', marginTop: 12 }} data-testid="statement" data-number={s.number} data-version={v.version}>
      <Card size="small">
        <Descriptions size="small" column={phone ? 1 : 3} data-testid="statement-head">
          <Descriptions.Item label={t('statements.number')}>
            <Typography.Text strong data-testid="statement-number">{s.number}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('statements.version')}>{v.version}</Descriptions.Item>
          <Descriptions.Item label={t('statements.status')}><StatusTag status={v.status} /></Descriptions.Item>
          <Descriptions.Item label={t('statement.supplier')}>{s.supplier.name} ({s.supplier.code})</Descriptions.Item>
          <Descriptions.Item label={t('statement.counter')}>{s.counterId} {s.counterName}</Descriptions.Item>
          <Descriptions.Item label={t('statement.store')}>{s.storeId} {s.storeName}</Descriptions.Item>
          <Descriptions.Item label={t('statement.period')}>{s.period.label} ({s.period.from} – {s.period.to})</Descriptions.Item>
          <Descriptions.Item label={t('statements.issuedAt')}>{v.issuedAt ? dateTime(v.issuedAt) : '—'}</Descriptions.Item>
          {v.correctionReason && <Descriptions.Item label={t('statement.history')}>{t('statement.correction', { reason: v.correctionReason })}</Descriptions.Item>}
        </Descriptions>
        <Actions s={s} onChange={props.onChange} />
      </Card>
      <VersionBody v={v} />
      {s.events.length > 0 && (
        <Card size="small" title={t('statement.history')}>
          <Timeline
            data-testid="statement-events"
            items={s.events.map((e) => ({
              content: (
                <span>
                  {dateTime(e.at)} · {t(`statement.by.${e.by}`)} · {eventName(t, e.type)} (v{e.version}){e.comment ? `: ${e.comment}` : ''}
                </span>
              ),
            }))}
          />
        </Card>
      )}
      {s.earlier.length > 0 && (
        <Collapse
          data-testid="statement-earlier"
          items={[{ key: 'earlier', label: t('statement.earlier'), children: s.earlier.map((e) => (
            <div key={e.version} style={{ marginBottom: 16 }}>
              <Typography.Title level={5}>{t('statements.version')} {e.version} <StatusTag status={e.status} /></Typography.Title>
              <VersionBody v={e} />
            </div>
          )) }]}
        />
      )}
    </Space>
  );
}

function eventName(t: ReturnType<typeof useT>['t'], type: string): string {
  const known = ['drafted', 'issued', 'confirmed', 'disputed', 'resolved', 'paid', 'corrected'] as const;
  const k = known.find((x) => x === type);
  return k ? t(`statement.events.${k}`) : type;
}

/** Print is the server's PDF (Chinese, barcode) in a new tab; export the lines; confirm or dispute while issued. */
function Actions(props: { s: SupplierStatementDetail; onChange(d: SupplierStatementDetail): void }) {
  const { s } = props;
  const { t, locale } = useT();
  const { message } = App.useApp();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [disputing, setDisputing] = useState(false);
  const [comment, setComment] = useState('');
  const version = s.current.version;
  const file = { version };

  const act = async (what: 'confirm' | 'dispute') => {
    setBusy(true);
    setError(null);
    try {
      const d = what === 'confirm' ? await supplierApi.confirm(s.number, version) : await supplierApi.dispute(s.number, version, comment.trim());
      props.onChange(d);
      setDisputing(false);
      void message.success(t(what === 'confirm' ? 'statement.confirmed' : 'statement.disputed'));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="no-print" style={{ marginTop: 12 }}>
      <ErrorAlert error={error} />
      <Space wrap>
        {s.canRespond && (
          <Popconfirm title={t('statement.confirmQuestion', { number: s.number, version })} okText={t('statement.confirm')} cancelText={t('statement.cancel')} onConfirm={() => act('confirm')}>
            <Button type="primary" loading={busy} data-testid="statement-confirm">{t('statement.confirm')}</Button>
          </Popconfirm>
        )}
        {s.canRespond && <Button danger onClick={() => setDisputing(true)} data-testid="statement-dispute">{t('statement.dispute')}</Button>}
        <Button href={`${supplierRoutes.statementPdf(s.number)}?version=${version}`} target="_blank" rel="noopener" data-testid="statement-print">{t('common.print')}</Button>
        <Button href={exportUrl(supplierRoutes.statementExport(s.number), file, 'xlsx', locale)} download data-testid="statement-export-xlsx">{t('common.exportXlsx')}</Button>
        <Button href={exportUrl(supplierRoutes.statementExport(s.number), file, 'csv', locale)} download data-testid="statement-export-csv">{t('common.exportCsv')}</Button>
      </Space>
      <Modal
        open={disputing}
        title={t('statement.disputeTitle', { number: s.number })}
        okText={t('statement.send')}
        cancelText={t('statement.cancel')}
        okButtonProps={{ disabled: comment.trim() === '', loading: busy, danger: true, ...{ 'data-testid': 'dispute-send' } }}
        onOk={() => void act('dispute')}
        onCancel={() => setDisputing(false)}
      >
        <label htmlFor="dispute-comment">{t('statement.disputeComment')}</label>
        {/* Room below for the character count, which antd places under the field. */}
        <div style={{ paddingBottom: 24 }}>
          <Input.TextArea id="dispute-comment" rows={4} maxLength={SUPPLIER_DISPUTE_COMMENT_MAX} showCount value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('statement.disputeRequired')} data-testid="dispute-comment" />
        </div>
      </Modal>
    </div>
  );
}

/** A row of the sales table: a rate group, or the guaranteed-minimum shortfall (保底补差) with only a commission. */
type Line = Pick<StatementGroupLine, 'promotionId' | 'promotionName' | 'rateBp' | 'commission'> & { kind: StatementGroupLine['kind'] | 'minimum'; sales: number | null; returns: number | null; net: number | null };

/** A version's lines, its deductions and its settlement, in the statement's order (the frozen body, as the PDF). */
function VersionBody(props: { v: SupplierStatementVersion }) {
  const { groups, deductions, totals, baseRateBp } = props.v.body;
  const { t } = useT();
  const phone = usePhone();
  const lines: Line[] = [...groups];
  if (totals.minimumShortfall > 0) {
    lines.push({ kind: 'minimum', promotionId: null, promotionName: null, rateBp: baseRateBp, sales: null, returns: null, net: null, commission: totals.minimumShortfall });
  }
  const kind = (l: Line) =>
    l.kind === 'promotion' ? t('statement.kinds.promotion', { id: [l.promotionId, l.promotionName].filter(Boolean).join(' ') }) : t(l.kind === 'minimum' ? 'statement.kinds.minimum' : 'statement.kinds.regular');
  const money = (x: number | null) => (x === null ? '' : yuan(x));
  const minus = (x: number | null) => (x === null ? '' : yuan(-x));
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Card size="small" title={t('statement.lines')}>
        <ResponsiveRows<Line>
          testId="statement-lines"
          rows={lines}
          rowKey={(l) => `${l.kind}|${l.promotionId ?? ''}`}
          columns={[
            { title: t('statement.kind'), key: 'kind', render: (_: unknown, l) => kind(l) },
            { title: t('statement.rate'), dataIndex: 'rateBp', align: 'right', render: (bp: number) => percentOfBp(bp) },
            { title: t('statement.sales'), dataIndex: 'sales', align: 'right', render: money },
            { title: t('statement.returns'), dataIndex: 'returns', align: 'right', render: minus },
            { title: t('statement.net'), dataIndex: 'net', align: 'right', render: money },
            { title: t('statements.commission'), dataIndex: 'commission', align: 'right', render: money },
          ]}
          card={(l) => ({
            title: kind(l),
            extra: percentOfBp(l.rateBp),
            lines: l.kind === 'minimum' ? [[t('statements.commission'), yuan(l.commission)]] : [
              [t('statement.sales'), money(l.sales)],
              [t('statement.returns'), minus(l.returns)],
              [t('statement.net'), money(l.net)],
              [t('statements.commission'), yuan(l.commission)],
            ],
          })}
        />
      </Card>
      <Card size="small" title={t('statement.deductions')}>
        <ResponsiveRows<StatementDeductionLine>
          testId="statement-deductions"
          rows={deductions}
          rowKey={(d) => `${d.kind}|${d.ref}|${d.code}`}
          columns={[
            { title: t('statement.deductionKind'), dataIndex: 'kind', render: (k: DeductionKind) => t(`statement.deductionKinds.${k}`) },
            { title: t('statement.code'), dataIndex: 'code' },
            { title: t('statement.item'), dataIndex: 'name' },
            { title: t('statement.source'), dataIndex: 'ref' },
            { title: t('statement.amount'), dataIndex: 'amount', align: 'right', render: (x: number) => yuan(x) },
          ]}
          card={(d) => ({
            title: d.name,
            extra: yuan(d.amount),
            lines: [[t('statement.deductionKind'), t(`statement.deductionKinds.${d.kind}`)], [t('statement.code'), d.code], [t('statement.source'), d.ref]],
          })}
        />
      </Card>
      <Card size="small" title={t('statement.summary')}>
        <Descriptions size="small" column={phone ? 1 : 2} bordered data-testid="statement-summary">
          <Descriptions.Item label={t('statement.grossSales')}><span data-testid="sum-gross">{yuan(totals.grossSales)}</span></Descriptions.Item>
          <Descriptions.Item label={t('statement.returns')}><span data-testid="sum-returns">{yuan(-totals.returns)}</span></Descriptions.Item>
          <Descriptions.Item label={t('statements.netSales')}><span data-testid="sum-net">{yuan(totals.netSales)}</span></Descriptions.Item>
          <Descriptions.Item label={t('statement.minimumSales')}>{totals.minimumSales === null ? '—' : yuan(totals.minimumSales)}</Descriptions.Item>
          <Descriptions.Item label={t('statements.commission')}><span data-testid="sum-commission">{yuan(totals.commission)}</span></Descriptions.Item>
          <Descriptions.Item label={t('statements.invoiceAmount')}><span data-testid="sum-invoice">{yuan(totals.invoiceAmount)}</span></Descriptions.Item>
          <Descriptions.Item label={t('statements.otherDeductions')}><span data-testid="sum-deductions">{yuan(totals.deductions)}</span></Descriptions.Item>
          <Descriptions.Item label={t('statements.payable')}><Typography.Text strong data-testid="sum-payable">{yuan(totals.payable)}</Typography.Text></Descriptions.Item>
        </Descriptions>
      </Card>
    </div>
  );
}
