import { useRef, useState, type KeyboardEvent } from 'react';
import { Button, Input, Modal, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { SCAN_PASSTHROUGH } from './scan-router.js';
import { currentScanOptions } from './scanner-settings.js';

/**
 * Keyed entry: a field for a code that will not scan (a damaged or crumpled barcode). Opened with K on every
 * scanning screen; Enter hands the code to the screen exactly as if it had been scanned, Esc closes. The field
 * keeps every key (a scan into it is typed text), so a working scanner used here does the same as the keyboard.
 */
export function KeyedEntry(props: { open: boolean; onClose: () => void; onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const inputRef = useRef<InputRef>(null);

  const close = () => {
    setText('');
    props.onClose();
  };
  const submit = () => {
    const { prefix } = currentScanOptions();
    // A scanner set up with a prefix types it into this field too.
    const code = (prefix !== '' && text.startsWith(prefix) ? text.slice(prefix.length) : text).trim();
    if (code === '') return;
    close();
    props.onCode(code);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // The screen under the dialog listens on the window: its Enter and Esc must not act as well.
    if (e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      submit();
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
  };

  return (
    <Modal
      open={props.open}
      title={<span style={{ fontSize: 24 }}>{t('scanner.keyed.title')}</span>}
      onCancel={close}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (open) inputRef.current?.focus();
      }}
      width={640}
      footer={[
        <Button key="cancel" size="large" onClick={close}>
          {t('scanner.keyed.cancel')}
        </Button>,
        <Button key="ok" data-testid="keyed-submit" type="primary" size="large" disabled={text.trim() === ''} onClick={submit}>
          {t('scanner.keyed.submit')}
        </Button>,
      ]}
    >
      <p style={{ fontSize: 18 }}>{t('scanner.keyed.intro')}</p>
      <Input
        ref={inputRef}
        data-testid="keyed-input"
        autoComplete="off"
        autoFocus
        placeholder={t('scanner.keyed.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        style={{ height: 60, fontSize: 28, fontFamily: 'monospace' }}
        {...SCAN_PASSTHROUGH}
      />
    </Modal>
  );
}
