import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LockerBankConfig } from '../../../main/contract.js';
import { EMPTY_BANK_FORM, bankConfigOf, bankFormOf, bankFormProblems, type BankForm } from './bank-form.js';

const BAUDS = ['9600', '19200', '38400', '57600', '115200'];

function Field(props: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label style={{ display: 'grid', gridTemplateColumns: '200px 1fr', alignItems: 'center', gap: 12, fontSize: 18 }}>
      <span>{props.label}</span>
      <span style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
        {props.children}
        {props.hint && <span style={{ fontSize: 14, color: '#595959' }}>{props.hint}</span>}
      </span>
    </label>
  );
}

/**
 * Add or edit a locker bank (a manager's). Save hands the bank to the caller, which stores it through the contract
 * and shows main's verdict (LOCKER_CONFIG_INVALID lists every problem) in `error`.
 */
export function BankFormDialog(props: {
  open: boolean;
  editing: LockerBankConfig | null;
  busy: boolean;
  error: ReactNode;
  makeId: (name: string) => string;
  onSave: (config: LockerBankConfig) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<BankForm>(EMPTY_BANK_FORM);
  const [shown, setShown] = useState(false);
  const { editing } = props;

  useEffect(() => {
    if (!props.open) return;
    setForm(editing ? bankFormOf(editing) : EMPTY_BANK_FORM);
    setShown(false);
  }, [props.open, editing]);

  const problems = bankFormProblems(form);
  const set = <K extends keyof BankForm>(key: K, value: BankForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const save = () => {
    setShown(true);
    if (problems.length > 0 || props.busy) return;
    props.onSave(bankConfigOf(form, editing?.id ?? props.makeId(form.name)));
  };

  return (
    <Modal
      open={props.open}
      title={<span style={{ fontSize: 22 }}>{editing ? t('lockers.editTitle', { name: editing.name }) : t('lockers.addTitle')}</span>}
      width={820}
      destroyOnHidden
      onCancel={props.onCancel}
      footer={[
        <Button key="cancel" size="large" data-testid="locker-form-cancel" onClick={props.onCancel}>
          {t('lockers.cancel')}
        </Button>,
        <Button key="save" size="large" type="primary" data-testid="locker-form-save" loading={props.busy} onClick={save}>
          {t('lockers.save')}
        </Button>,
      ]}
    >
      <form
        data-testid="locker-form"
        style={{ display: 'flex', flexDirection: 'column', gap: 14, paddingBlock: 8 }}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Field label={t('lockers.name')} hint={t('lockers.nameHint')}>
          <Input data-testid="locker-form-name" size="large" autoFocus maxLength={80} value={form.name} onChange={(e) => set('name', e.target.value)} />
        </Field>
        <Field label={t('lockers.transport')}>
          <Radio.Group
            data-testid="locker-form-kind"
            size="large"
            value={form.kind}
            onChange={(e) => set('kind', e.target.value === 'serial' ? 'serial' : 'tcp')}
            options={[
              { value: 'tcp', label: t('lockers.tcp') },
              { value: 'serial', label: t('lockers.serial') },
            ]}
          />
        </Field>
        {form.kind === 'tcp' ? (
          <Field label={`${t('lockers.host')} : ${t('lockers.port')}`}>
            <span style={{ display: 'flex', gap: 8 }}>
              <Input data-testid="locker-form-host" size="large" maxLength={253} value={form.host} onChange={(e) => set('host', e.target.value)} />
              <Input data-testid="locker-form-port" size="large" inputMode="numeric" maxLength={5} style={{ width: 120 }} value={form.port} onChange={(e) => set('port', e.target.value)} />
            </span>
          </Field>
        ) : (
          <>
            <Field label={t('lockers.path')} hint={t('lockers.pathHint')}>
              <Input data-testid="locker-form-path" size="large" maxLength={200} value={form.path} onChange={(e) => set('path', e.target.value)} />
            </Field>
            <Field label={t('lockers.baudRate')}>
              <Radio.Group optionType="button" buttonStyle="solid" size="large" value={form.baudRate} onChange={(e) => set('baudRate', String(e.target.value))} options={BAUDS.map((b) => ({ value: b, label: b }))} />
            </Field>
          </>
        )}
        <Field label={t('lockers.openBit')} hint={t('lockers.openBitHint')}>
          <Radio.Group
            data-testid="locker-form-open-bit"
            optionType="button"
            buttonStyle="solid"
            size="large"
            value={form.openBit}
            onChange={(e) => set('openBit', e.target.value === 0 ? 0 : 1)}
            options={[
              { value: 1, label: '1' },
              { value: 0, label: '0' },
            ]}
          />
        </Field>
        <Field label={t('lockers.layout')} hint={t('lockers.layoutHint')}>
          <Input.TextArea data-testid="locker-form-layout" rows={3} style={{ fontFamily: 'monospace', fontSize: 17 }} value={form.layout} onChange={(e) => set('layout', e.target.value)} />
        </Field>
        {/* Enter in a one-line field saves, as everywhere on the terminal (the layout box takes Enter as a new line). */}
        <button type="submit" hidden />
        {shown && problems.length > 0 && <Alert type="warning" showIcon data-testid="locker-form-problems" title={problems.map((p) => t(`lockers.${p}`)).join(' ')} />}
        {props.error}
      </form>
    </Modal>
  );
}
