import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CodedError } from './errors.js';
import { en } from '../i18n/en.js';

type KnownCode = keyof (typeof en)['errors'];
const isKnownCode = (code: string | undefined): code is KnownCode => code !== undefined && Object.hasOwn(en.errors, code);

/** Plain words for the codes we know, the code itself for support, and the technical message last. */
export function ErrorPanel(props: { error: CodedError; fallback?: KnownCode; actions?: { label: string; onClick: () => void }[] }) {
  const { t } = useTranslation();
  // A contract error often wraps the server's more precise code, e.g. "… (ENROLLMENT_CODE_EXPIRED)".
  const inner = /\(([A-Z][A-Z_]+)\)\s*$/.exec(props.error.message)?.[1];
  const known = [inner, props.error.code].find(isKnownCode);
  const words = t(`errors.${known ?? props.fallback ?? 'UNKNOWN'}`);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-panel"
      data-code={props.error.code}
      title={<span style={{ fontSize: 22, fontWeight: 600 }}>{words}</span>}
      description={
        <Space orientation="vertical" size="middle">
          <span style={{ fontSize: 18 }}>{t('errors.code', { code: inner && inner !== props.error.code ? `${props.error.code} / ${inner}` : props.error.code })}</span>
          <code style={{ fontSize: 15, whiteSpace: 'pre-wrap' }}>{props.error.message}</code>
          {props.actions && (
            <Space>
              {props.actions.map((a, i) => (
                <Button key={a.label} size="large" type={i === 0 ? 'primary' : 'default'} onClick={a.onClick} autoFocus={i === 0}>
                  {a.label}
                </Button>
              ))}
            </Space>
          )}
        </Space>
      }
    />
  );
}
