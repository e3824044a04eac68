import { useMemo } from 'react';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { operatorNames$ } from './operators.js';

const EMPTY = new Map<string, string>();

/** Operator names by id, live; screens fall back to the id for someone not (yet) synced here. */
export function useOperatorNames(): ReadonlyMap<string, string> {
  const { db } = useSession();
  const names = useObservable(() => operatorNames$(db), [db]);
  return useMemo(() => (names.status === 'ready' ? names.value : EMPTY), [names]);
}
