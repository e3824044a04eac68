import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PrinterConfig } from '../../../main/contract.js';
import { DPIS, EMPTY_FORM, LABEL_SIZES, LANGUAGES, configOf, formOf, formProblems, type PrinterForm } from './printer-form.js';

const SIZE_TEXT = { '100x150': '100 × 150 mm', '60x40': '60 × 40 mm' } as const;

function Field(props: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label style={{ display: 'grid', gridTemplateColumns: '180px 1fr', alignItems: 'center', gap: 12, fontSize: 18 }}>
      <span>{props.label}</span>
      <span style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
        {props.children}
        {props.hint && <span style={{ fontSize: 14, color: '#595959' }}>{props.hint}</span>}
      </span>
    </label>
  );
}

/**
 * Add or edit one printer. `editing` null adds a new one. Save hands the config to the caller, which stores it
 * through the contract and shows main's verdict (PRINTER_CONFIG_INVALID names the field) in `error`.
 */
export function PrinterFormDialog(props: {
  open: boolean;
  editing: PrinterConfig | null;
  busy: boolean;
  error: ReactNode;
  makeId: (name: string) => string;
  onSave: (config: PrinterConfig) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<PrinterForm>(EMPTY_FORM);
  const [shown, setShown] = useState(false);
  const { editing } = props;

  useEffect(() => {
    if (!props.open) return;
    setForm(editing ? formOf(editing) : EMPTY_FORM);
    setShown(false);
  }, [props.open, editing]);

  const problems = formProblems(form);
  const set = <K extends keyof PrinterForm>(key: K, value: PrinterForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const save = () => {
    setShown(true);
    if (problems.length > 0 || props.busy) return;
    props.onSave(configOf(form, editing?.id ?? props.makeId(form.name), editing ?? undefined));
  };

  return (
    <Modal
      open={props.open}
      title={<span style={{ fontSize: 22 }}>{editing ? t('settings.editTitle', { name: editing.name }) : t('settings.addTitle')}</span>}
      width={720}
      destroyOnHidden
      onCancel={props.onCancel}
      footer={[
        <Button key="cancel" size="large" data-testid="printer-cancel" onClick={props.onCancel}>
          {t('settings.cancel')}
        </Button>,
        <Button key="save" size="large" type="primary" data-testid="printer-save" loading={props.busy} onClick={save}>
          {t('settings.save')}
        </Button>,
      ]}
    >
      <form
        data-testid="printer-form"
        style={{ display: 'flex', flexDirection: 'column', gap: 16, paddingBlock: 8 }}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Field label={t('settings.kind')}>
          <Radio.Group
            data-testid="printer-kind"
            size="large"
            value={form.kind}
            onChange={(e) => set('kind', e.target.value === 'pdf' ? 'pdf' : 'raw-tcp')}
            options={[
              { value: 'raw-tcp', label: t('settings.kindRaw') },
              { value: 'pdf', label: t('settings.kindPdf') },
            ]}
          />
        </Field>
        <Field label={t('settings.name')} hint={t('settings.nameHint')}>
          <Input data-testid="printer-name" size="large" autoFocus maxLength={80} value={form.name} onChange={(e) => set('name', e.target.value)} />
        </Field>
        {form.kind === 'raw-tcp' ? (
          <>
            <Field label={t('settings.host')} hint={t('settings.hostHint')}>
              <Input data-testid="printer-host" size="large" maxLength={253} value={form.host} onChange={(e) => set('host', e.target.value)} />
            </Field>
            <Field label={t('settings.port')}>
              <Input data-testid="printer-port" size="large" inputMode="numeric" maxLength={5} style={{ width: 140 }} value={form.port} onChange={(e) => set('port', e.target.value)} />
            </Field>
            <Field label={t('settings.language')}>
              <Radio.Group
                data-testid="printer-language"
                optionType="button"
                buttonStyle="solid"
                size="large"
                value={form.language}
                onChange={(e) => set('language', LANGUAGES.find((l) => l === e.target.value) ?? 'zpl')}
                options={LANGUAGES.map((l) => ({ value: l, label: l.toUpperCase() }))}
              />
            </Field>
          </>
        ) : (
          <Field label={t('settings.osPrinter')} hint={t('settings.osPrinterHint')}>
            <Input data-testid="printer-os-queue" size="large" maxLength={127} value={form.osPrinter} onChange={(e) => set('osPrinter', e.target.value)} />
          </Field>
        )}
        <Field label={t('settings.size')}>
          <Radio.Group
            data-testid="printer-size"
            optionType="button"
            buttonStyle="solid"
            size="large"
            value={form.size}
            onChange={(e) => set('size', LABEL_SIZES.find((s) => s === e.target.value) ?? '100x150')}
            options={LABEL_SIZES.map((s) => ({ value: s, label: SIZE_TEXT[s] }))}
          />
        </Field>
        <Field label={t('settings.dpi')}>
          <Radio.Group
            data-testid="printer-dpi"
            optionType="button"
            buttonStyle="solid"
            size="large"
            value={form.dpi}
            onChange={(e) => set('dpi', DPIS.find((d) => d === e.target.value) ?? 203)}
            options={DPIS.map((d) => ({ value: d, label: `${d} dpi` }))}
          />
        </Field>
        {/* Enter in any field saves, as everywhere on the terminal. */}
        <button type="submit" hidden />
        {shown && problems.length > 0 && (
          <Alert type="warning" showIcon data-testid="printer-form-problems" title={problems.map((p) => t(`settings.${p}`)).join(' ')} />
        )}
        {props.error}
      </form>
    </Modal>
  );
}
