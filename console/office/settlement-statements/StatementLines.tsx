import { Card, Descriptions, Table } from 'antd';
import type { StatementBody, StatementDeductionLine, StatementGroupLine } from '../../../sync/protocol/settlement.js';
import { yuan } from '../../shared/format.js';
import { useT } from '../../shared/i18n/index.js';
import { ratePct } from './common.js';

/**
 * A statement's body as the supplier's paper shows it: sales by rate group (regular, each promotion) with their
 * returns and commission, the other deductions, and the totals down to the amount payable. Only shows what the model
 * computed (sync/model/settlement): no sums are made here, so the screen cannot disagree with the PDF.
 */
export function StatementLines(props: { body: StatementBody }) {
  const { t } = useT();
  const { groups, deductions, totals } = props.body;
  const groupName = (g: StatementGroupLine) =>
    g.kind === 'regular' ? t('stmt.lineKinds.regular') : t('stmt.lineKinds.promotion', { name: `${g.promotionId ?? ''} ${g.promotionName ?? ''}`.trim() });
  const deductionName = (d: StatementDeductionLine) => (d.kind === 'supplies' ? t('stmt.lineKinds.supplies', { name: d.name }) : t('stmt.lineKinds.fee', { name: d.name }));
  const money = (v: number) => yuan(v);

  return (
    <>
      <Card size="small" title={t('stmt.detail.lines')} style={{ marginBottom: 12 }}>
        <Table<StatementGroupLine>
          data-testid="statement-groups"
          size="small"
          pagination={false}
          rowKey={(g) => `${g.kind}|${g.promotionId ?? ''}`}
          dataSource={groups}
          columns={[
            { title: t('stmt.detail.line'), key: 'name', render: (_: unknown, g) => groupName(g) },
            { title: t('stmt.detail.rate'), dataIndex: 'rateBp', align: 'right', width: 80, render: ratePct },
            { title: t('stmt.grossSales'), dataIndex: 'sales', align: 'right', width: 130, render: money },
            { title: t('stmt.returns'), dataIndex: 'returns', align: 'right', width: 120, render: (v: number) => money(-v) },
            { title: t('stmt.netSales'), dataIndex: 'net', align: 'right', width: 130, render: money },
            { title: t('stmt.commission'), dataIndex: 'commission', align: 'right', width: 120, render: money },
          ]}
          summary={() => (
            <>
              {totals.minimumShortfall !== 0 && (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={5}>{t('stmt.lineKinds.minimum')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">{money(totals.minimumShortfall)}</Table.Summary.Cell>
                </Table.Summary.Row>
              )}
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0} colSpan={2}>{t('stmt.detail.totals')}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{money(totals.grossSales)}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{money(-totals.returns)}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{money(totals.netSales)}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">{money(totals.commission)}</Table.Summary.Cell>
              </Table.Summary.Row>
            </>
          )}
        />
        {deductions.length > 0 && (
          <Table<StatementDeductionLine>
            data-testid="statement-deductions"
            style={{ marginTop: 12 }}
            size="small"
            pagination={false}
            rowKey={(d) => `${d.kind}|${d.ref}|${d.code}`}
            dataSource={deductions}
            columns={[
              { title: t('stmt.deductions'), key: 'name', render: (_: unknown, d) => deductionName(d) },
              { title: t('stmt.detail.code'), dataIndex: 'code', width: 120 },
              { title: t('stmt.detail.amount'), dataIndex: 'amount', align: 'right', width: 130, render: money },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t('stmt.detail.totals')} style={{ marginBottom: 12 }}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="statement-totals">
          <Descriptions.Item label={t('stmt.grossSales')}>{money(totals.grossSales)}</Descriptions.Item>
          <Descriptions.Item label={t('stmt.returns')}>{money(-totals.returns)}</Descriptions.Item>
          <Descriptions.Item label={t('stmt.netSales')}>{money(totals.netSales)}</Descriptions.Item>
          <Descriptions.Item label={t('stmt.detail.baseRate')}>{ratePct(props.body.baseRateBp)}</Descriptions.Item>
          {totals.minimumSales !== null && <Descriptions.Item label={t('stmt.detail.minimum')}>{money(totals.minimumSales)}</Descriptions.Item>}
          {totals.minimumShortfall !== 0 && <Descriptions.Item label={t('stmt.detail.minimumShortfall')}>{money(totals.minimumShortfall)}</Descriptions.Item>}
          <Descriptions.Item label={t('stmt.commission')}>{money(totals.commission)}</Descriptions.Item>
          <Descriptions.Item label={t('stmt.invoice')}>{money(totals.invoiceAmount)}</Descriptions.Item>
          <Descriptions.Item label={t('stmt.deductions')}>{money(totals.deductions)}</Descriptions.Item>
          <Descriptions.Item label={t('stmt.payable')}><strong data-testid="statement-total-payable">{money(totals.payable)}</strong></Descriptions.Item>
        </Descriptions>
      </Card>
    </>
  );
}
