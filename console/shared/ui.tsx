import { Alert } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from './api.js';
import { useT, type MessageKey } from './i18n/index.js';
import { useSession } from './session.js';
import { en } from './i18n/en.js';

/** A load on mount (and on reload()), with its error as an ApiError; a 401 ends the session. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): { data: T | undefined; error: ApiError | null; loading: boolean; reload(): void } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const { expired } = useSession();
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

/** The person's message for an error code, or the server's message when the console has none for it. */
export function useErrorText(): (e: ApiError) => string {
  const { t } = useT();
  return (e) => (e.code in en.errors ? t(`errors.${e.code}` as MessageKey) : e.message);
}

/** An error as every page shows it: what happened in words, and the stable code for support. */
export function ErrorAlert(props: { error: ApiError | null; extra?: string }) {
  const { t } = useT();
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
