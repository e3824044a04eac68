import { Button, Table, type TableColumnsType } from 'antd';
import { ErrorAlert } from '../../shared/ui.js';
import type { ApiError } from '../../shared/api.js';
import { useReportText } from './messages.js';

/** A report's rows as loaded so far, with "load more" while the server has more. */
export function ReportTable<Row extends object>(props: {
  testId: string;
  rowKey: (r: Row) => string;
  columns: TableColumnsType<Row>;
  paged: { rows: Row[]; loading: boolean; error: ApiError | null; hasMore: boolean; loadMore(): void };
}) {
  const m = useReportText();
  return (
    <>
      <ErrorAlert error={props.paged.error} />
      <Table<Row>
        data-testid={props.testId}
        rowKey={props.rowKey}
        size="small"
        loading={props.paged.loading}
        dataSource={props.paged.rows}
        pagination={false}
        scroll={{ y: 360 }}
        columns={props.columns}
      />
      {props.paged.hasMore && (
        <Button style={{ marginTop: 8 }} onClick={props.paged.loadMore} loading={props.paged.loading} data-testid={`${props.testId}-more`}>
          {m.loadMore}
        </Button>
      )}
    </>
  );
}
