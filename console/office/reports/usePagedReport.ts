import { useCallback, useEffect, useState } from 'react';
import { REPORTS_BASE, type ReportPage } from '../../../sync/protocol/reports.js';
import { api, toApiError, type ApiError } from '../../shared/api.js';
import type { ReportFilter } from './ReportFilters.js';

/** A report's rows page by page (the server's cursor); "load more" appends the next page. */
export function usePagedReport<Row>(report: string, filter: ReportFilter, limit = 200) {
  const [rows, setRows] = useState<Row[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const fetchPage = useCallback(async (after: string | null, append: boolean) => {
    setLoading(true);
    try {
      const page = await api.get<ReportPage<Row>>(`${REPORTS_BASE}/${report}`, { ...filter, limit, after });
      setRows((prev) => (append ? [...prev, ...page.rows] : page.rows));
      setNext(page.next);
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setLoading(false);
    }
  }, [report, filter, limit]);

  useEffect(() => {
    void fetchPage(null, false);
  }, [fetchPage]);

  return { rows, loading, error, hasMore: next !== null, loadMore: () => void fetchPage(next, true) };
}
