import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PinProblem } from './use-pin-attempt.js';

/** Why a PIN was not accepted, in words, with the code on the element for support and tests. */
export function PinProblemText(props: { problem: PinProblem | null; testId: string; name?: string; failures?: number }) {
  const { t } = useTranslation();
  if (!props.problem) return null;
  const { code, seconds, attemptsLeft } = props.problem;
  return (
    <Alert
      type={code === 'WRONG_PIN' ? 'warning' : 'error'}
      showIcon
      data-testid={props.testId}
      data-code={code}
      data-seconds={seconds ?? ''}
      data-failures={props.failures ?? ''}
      data-attempts-left={attemptsLeft ?? ''}
      title={<span style={{ fontSize: 20, fontWeight: 600 }}>{t(`pin.${code}`, { seconds: seconds ?? 0, attemptsLeft: attemptsLeft ?? 0, name: props.name ?? '' })}</span>}
      style={{ width: '100%' }}
    />
  );
}
