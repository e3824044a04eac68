import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { en } from '../../i18n/en.js';
import type { CodedError } from '../../ui/errors.js';

export type PrintOutcomeValue = { ok: true; text: string } | { ok: false; title: string; error: CodedError };

type ErrorKey = keyof (typeof en)['errors'];
const isErrorKey = (code: string): code is ErrorKey => Object.hasOwn(en.errors, code);

/**
 * What the last print did, where the operator looks: on failure the printer's code in plain words (cable, paper,
 * settings), the code itself for support, and the technical message. data-code carries the code for tests.
 */
export function PrintOutcome(props: { value: PrintOutcomeValue | null; testId: string }) {
  const { t } = useTranslation();
  const { value } = props;
  if (!value) return null;
  if (value.ok) {
    return <Alert type="success" showIcon data-testid={props.testId} data-outcome="ok" title={<span style={{ fontSize: 18 }}>{value.text}</span>} />;
  }
  const { code, message } = value.error;
  return (
    <Alert
      type="error"
      showIcon
      data-testid={props.testId}
      data-outcome="error"
      data-code={code}
      title={<span style={{ fontSize: 18, fontWeight: 600 }}>{value.title}</span>}
      description={
        <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
          <span style={{ fontSize: 18 }}>{t(`errors.${isErrorKey(code) ? code : 'UNKNOWN'}`)}</span>
          <span style={{ fontSize: 16 }}>{t('errors.code', { code })}</span>
          <code style={{ fontSize: 14, whiteSpace: 'pre-wrap' }}>{message}</code>
        </div>
      }
    />
  );
}
