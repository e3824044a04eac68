import { App, Input } from 'antd';
import { useMemo, useState } from 'react';
import { toApiError, type ApiError } from '../../shared/api.js';
import { useT } from '../../shared/i18n/index.js';

/** A table's search box: filters the rows already loaded by any of the given fields, case-insensitively. */
export function useSearch<T>(rows: readonly T[] | undefined, fields: (row: T) => readonly (string | number | null | undefined)[]) {
  const { t } = useT();
  const [text, setText] = useState('');
  const filtered = useMemo(() => {
    const needle = text.trim().toLowerCase();
    if (!needle) return rows ?? [];
    return (rows ?? []).filter((r) => fields(r).some((f) => f !== null && f !== undefined && String(f).toLowerCase().includes(needle)));
    // fields is written inline by each page (a new function every render): the rows and the text are what change.
  }, [rows, text]);
  const box = (
    <Input.Search
      allowClear
      data-testid="master-search"
      aria-label={t('master.search')}
      placeholder={t('master.search')}
      value={text}
      onChange={(e) => setText(e.target.value)}
      style={{ width: 260 }}
    />
  );
  return { rows: filtered, box };
}

/** A write with its outcome: a success toast and a reload, or the error kept for the page's ErrorAlert. */
export function useAct(reload: () => void) {
  const { t } = useT();
  const { message } = App.useApp();
  const [error, setError] = useState<ApiError | null>(null);
  const act = async (what: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    try {
      await what();
      void message.success(t('master.saved'));
      reload();
      return true;
    } catch (err) {
      setError(toApiError(err));
      return false;
    }
  };
  return { act, error, setError };
}

export const CODE_RULE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

/**
 * A modal's form has no submit button of its own (the modal's OK is outside it), so Enter in a field would do
 * nothing: this hidden default button makes Enter submit, as in any other form of the console.
 */
export function EnterSubmits() {
  return <button type="submit" hidden aria-hidden tabIndex={-1} />;
}
