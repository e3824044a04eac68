import { createContext, useContext, type ReactNode } from 'react';
import type { Operator } from '../../../sync/model/index.js';
import { useSession } from '../../ui/session.js';
import { actorOf, type Actor } from '../approval/authorize.js';

const CurrentOperatorContext = createContext<Operator | null>(null);

/** The signed-in operator's document, live. The shell renders work screens only inside this provider. */
export function CurrentOperatorProvider(props: { operator: Operator; children: ReactNode }) {
  return <CurrentOperatorContext.Provider value={props.operator}>{props.children}</CurrentOperatorContext.Provider>;
}

export function useOperator(): Operator {
  const operator = useContext(CurrentOperatorContext);
  if (!operator) throw new Error('useOperator outside CurrentOperatorProvider: work screens render only after sign-in');
  return operator;
}

/** The signed-in operator on this device: what every recorded event and stock move carries. */
export function useActor(): Actor {
  const operator = useOperator();
  const { device } = useSession();
  return actorOf(operator, device);
}
