import { Alert } from 'antd';
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from './api.js';
import { useAppT } from './i18n/core.js';
import { ExpiredContext } from './session-core.js';

/** A load on mount (and on reload()), with its error as an ApiError; a 401 ends the session. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): { data: T | undefined; error: ApiError | null; loading: boolean; reload(): void } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const expired = useContext(ExpiredContext);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    setLoading(true);
    loadRef
      .current()
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!live) return;
        const e = toApiError(err);
        if (e.status === 401) expired();
        setError(e);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [tick, expired, ...deps]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** The person's message for an error code, or the server's message when the app has none for it. */
export function useErrorText(): (e: ApiError) => string {
  const { t, has } = useAppT<string>();
  return (e) => (has(`errors.${e.code}`) ? t(`errors.${e.code}`) : e.message);
}

/** An error as every page shows it: what happened in words, and the stable code for support. */
export function ErrorAlert(props: { error: ApiError | null; extra?: string }) {
  const { t } = useAppT<'errors.code'>();
  const text = useErrorText();
  if (!props.error) return null;
  return (
    <Alert
      role="alert"
      data-testid="error"
      data-code={props.error.code}
      type="error"
      showIcon
      title={text(props.error)}
      description={
        <span>
          {t('errors.code', { code: props.error.code })}
          {props.extra ? ` · ${props.extra}` : ''}
        </span>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
