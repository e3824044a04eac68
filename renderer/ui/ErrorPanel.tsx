import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CodedError } from './errors.js';
import type { en } from '../i18n/en.js';

type KnownCode = keyof (typeof en)['errors'];

/** Plain words for the codes we know, the code itself for support, and the technical message last. */
export function ErrorPanel(props: { error: CodedError; fallback?: KnownCode; actions?: { label: string; onClick: () => void }[] }) {
  const { t, i18n } = useTranslation();
  const key = `errors.${props.error.code}`;
  const words = i18n.exists(key) ? t(key as `errors.${KnownCode}`) : t(`errors.${props.fallback ?? 'UNKNOWN'}`);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-panel"
      data-code={props.error.code}
      title={<span style={{ fontSize: 22, fontWeight: 600 }}>{words}</span>}
      description={
        <Space orientation="vertical" size="middle">
          <span style={{ fontSize: 18 }}>{t('errors.code', { code: props.error.code })}</span>
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
