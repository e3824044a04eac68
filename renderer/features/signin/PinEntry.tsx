import { forwardRef, type KeyboardEvent } from 'react';
import { Button, Input, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';

export const PIN_MAX_LENGTH = 8;

interface PinEntryProps {
  value: string;
  onChange: (pin: string) => void;
  onSubmit: () => void;
  disabled?: boolean;
  busy?: boolean;
  inputTestId: string;
  submitTestId: string;
  submitLabel: string;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

/**
 * A masked numeric PIN field with a big on-screen keypad for gloved hands. Digits only; Enter submits, from the
 * main keyboard or a numeric keypad. The keypad never takes focus, so typing and tapping mix freely.
 */
export const PinEntry = forwardRef<InputRef, PinEntryProps>(function PinEntry(props, ref) {
  const { t } = useTranslation();
  const { value, onChange, disabled, busy } = props;
  const press = (key: (typeof KEYS)[number]) => {
    if (key === 'clear') onChange('');
    else if (key === 'back') onChange(value.slice(0, -1));
    else if (value.length < PIN_MAX_LENGTH) onChange(value + key);
  };
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, width: 320 }}>
      <Input
        ref={ref}
        data-testid={props.inputTestId}
        data-busy={String(Boolean(busy))}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        aria-label={t('signin.pin')}
        maxLength={PIN_MAX_LENGTH}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, PIN_MAX_LENGTH))}
        onKeyDown={(e) => {
          props.onKeyDown?.(e);
          if (e.defaultPrevented) return;
          if (e.key === 'Enter') {
            e.preventDefault();
            props.onSubmit();
          }
        }}
        style={{ height: 64, fontSize: 32, letterSpacing: 12, textAlign: 'center' }}
      />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8 }}>
        {KEYS.map((key) => (
          <Button
            key={key}
            tabIndex={-1}
            disabled={disabled || busy}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => press(key)}
            style={{ height: 56, fontSize: key.length === 1 ? 26 : 18, fontWeight: 700 }}
          >
            {key === 'clear' ? t('signin.clear') : key === 'back' ? '⌫' : key}
          </Button>
        ))}
      </div>
      <Button
        data-testid={props.submitTestId}
        type="primary"
        size="large"
        loading={busy}
        disabled={disabled || value.length < 4}
        onClick={props.onSubmit}
        style={{ height: 60, fontSize: 22, fontWeight: 700 }}
      >
        {props.submitLabel}
      </Button>
    </div>
  );
});
