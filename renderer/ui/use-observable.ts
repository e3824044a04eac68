import { useEffect, useState, type DependencyList } from 'react';
import type { Observable } from 'rxjs';

export type ObservableResult<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: Error };

/**
 * Subscribes to an observable (an RxDB query's `$`, the sync state) for as long as the component is mounted.
 * This is how synced data reaches the screen: read live from RxDB, never copied into a store.
 */
export function useObservable<T>(factory: () => Observable<T>, deps: DependencyList): ObservableResult<T> {
  const [result, setResult] = useState<ObservableResult<T>>({ status: 'loading' });
  useEffect(() => {
    setResult({ status: 'loading' });
    const subscription = factory().subscribe({
      next: (value) => setResult({ status: 'ready', value }),
      error: (error: unknown) => {
        console.error('live query failed', error);
        setResult({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      },
    });
    return () => subscription.unsubscribe();
    // The caller lists what the factory depends on, as with useMemo.
  }, deps);
  return result;
}
