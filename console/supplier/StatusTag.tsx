import { Tag } from 'antd';
import type { SupplierStatementStatus } from '../../sync/protocol/supplier.js';
import { useT } from './i18n/index.js';

const COLOURS: Record<SupplierStatementStatus, string> = {
  issued: 'gold',
  confirmed: 'green',
  disputed: 'red',
  resolved: 'blue',
  paid: 'cyan',
  superseded: 'default',
};

/** A statement's status in words; "issued" reads as what it means to the supplier: awaiting their reply. */
export function StatusTag(props: { status: SupplierStatementStatus }) {
  const { t } = useT();
  return (
    <Tag color={COLOURS[props.status]} data-testid="status" data-status={props.status}>
      {t(`statements.statuses.${props.status}`)}
    </Tag>
  );
}
