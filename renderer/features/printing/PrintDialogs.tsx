import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Alert, Button, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PrinterConfig } from '../../../main/contract.js';
import { parsePackageCount, type PrintedPackage } from './print-log-view.js';

// Letters typed in a dialog must not reach the order screen's one-key actions (or the scanner router) behind it;
// Escape and Enter still do what the dialog expects.
const keepKeysInside = (e: KeyboardEvent) => {
  if (e.key.length === 1) e.stopPropagation();
};

function Row(props: { label: string; children: ReactNode }) {
  return (
    <label style={{ display: 'grid', gridTemplateColumns: '200px 1fr', alignItems: 'center', gap: 12, fontSize: 18 }}>
      <span>{props.label}</span>
      {props.children}
    </label>
  );
}

function PrinterChoice(props: { printers: readonly PrinterConfig[]; value: string | null; onChange: (id: string) => void; testId: string }) {
  const { t } = useTranslation();
  if (props.printers.length === 0) return <Alert type="warning" showIcon data-testid="print-no-printer" title={t('printing.noPrinter')} />;
  return (
    <Row label={t('printing.printer')}>
      <Radio.Group
        data-testid={props.testId}
        size="large"
        value={props.value}
        onChange={(e) => props.onChange(String(e.target.value))}
        options={props.printers.map((p) => ({ value: p.id, label: p.name }))}
      />
    </Row>
  );
}

/** The confirm button submits the dialog's form, so Enter in a field and a click do the same once. */
function Footer(props: { busy: boolean; disabled: boolean; testId: string; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 12, marginTop: 8 }}>
      <Button size="large" onClick={props.onCancel}>
        {t('printing.cancel')}
      </Button>
      <Button size="large" type="primary" htmlType="submit" data-testid={props.testId} loading={props.busy} disabled={props.disabled}>
        {t('printing.confirm')}
      </Button>
    </div>
  );
}

/** Which printer, how many packages: one label per package, numbered 1..m. */
export function PrintDialog(props: {
  open: boolean;
  orderId: string;
  printers: readonly PrinterConfig[];
  defaultCount: number;
  busy: boolean;
  onPrint: (printerId: string, count: number) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [printerId, setPrinterId] = useState<string | null>(null);
  const [count, setCount] = useState('1');
  const { open, printers, defaultCount } = props;
  useEffect(() => {
    if (!open) return;
    setPrinterId((id) => (printers.some((p) => p.id === id) ? id : (printers[0]?.id ?? null)));
    setCount(String(defaultCount));
  }, [open, printers, defaultCount]);
  const n = parsePackageCount(count);
  const ok = () => {
    if (printerId && n !== null && !props.busy) props.onPrint(printerId, n);
  };
  return (
    <Modal open={open} title={<span style={{ fontSize: 22 }}>{t('printing.printTitle', { id: props.orderId })}</span>} width={640} footer={null} destroyOnHidden onCancel={props.onCancel}>
      <form data-testid="print-labels-dialog" onKeyDown={keepKeysInside} onSubmit={(e) => (e.preventDefault(), ok())} style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
        <PrinterChoice printers={printers} value={printerId} onChange={setPrinterId} testId="print-printer" />
        <Row label={t('printing.packages')}>
          <Input data-testid="print-package-count" size="large" inputMode="numeric" autoFocus maxLength={2} style={{ width: 120 }} value={count} onChange={(e) => setCount(e.target.value)} status={n === null ? 'error' : undefined} />
        </Row>
        <Footer busy={props.busy} disabled={!printerId || n === null} testId="print-labels-confirm" onCancel={props.onCancel} />
      </form>
    </Modal>
  );
}

/** A reprint names the package and why; it goes to the printer that printed it, unless another is chosen. */
export function ReprintDialog(props: {
  open: boolean;
  orderId: string;
  printers: readonly PrinterConfig[];
  packages: readonly PrintedPackage[];
  busy: boolean;
  onReprint: (packageId: string, reason: string, printerId: string | undefined) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [packageId, setPackageId] = useState<string | null>(null);
  const [printerId, setPrinterId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { open, packages, printers } = props;
  useEffect(() => {
    if (!open) return;
    const first = packages[0];
    setPackageId(first?.packageId ?? null);
    setPrinterId(printers.some((p) => p.id === first?.printerId) ? (first?.printerId ?? null) : (printers[0]?.id ?? null));
    setReason('');
    setTried(false);
  }, [open, packages, printers]);
  const choose = (id: string) => {
    setPackageId(id);
    const original = packages.find((p) => p.packageId === id)?.printerId;
    if (printers.some((p) => p.id === original)) setPrinterId(original ?? null);
  };
  const ok = () => {
    setTried(true);
    if (!packageId || reason.trim() === '' || props.busy) return;
    props.onReprint(packageId, reason.trim(), printerId ?? undefined);
  };
  return (
    <Modal open={open} title={<span style={{ fontSize: 22 }}>{t('printing.reprintTitle', { id: props.orderId })}</span>} width={680} footer={null} destroyOnHidden onCancel={props.onCancel}>
      <form data-testid="reprint-dialog" onKeyDown={keepKeysInside} onSubmit={(e) => (e.preventDefault(), ok())} style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
        <Row label={t('printing.package')}>
          <Radio.Group
            data-testid="reprint-package"
            size="large"
            value={packageId}
            onChange={(e) => choose(String(e.target.value))}
            options={packages.map((p) => ({ value: p.packageId, label: `${p.packageNo}/${p.packageCount} · ${p.packageId}` }))}
          />
        </Row>
        <Row label={t('printing.reason')}>
          <Input
            data-testid="reprint-reason"
            size="large"
            autoFocus
            maxLength={200}
            placeholder={t('printing.reasonHint')}
            value={reason}
            status={tried && reason.trim() === '' ? 'error' : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
        </Row>
        {tried && reason.trim() === '' && <Alert type="warning" showIcon title={t('printing.reasonRequired')} />}
        <PrinterChoice printers={printers} value={printerId} onChange={setPrinterId} testId="reprint-printer" />
        <Footer busy={props.busy} disabled={!packageId || printers.length === 0} testId="reprint-confirm" onCancel={props.onCancel} />
      </form>
    </Modal>
  );
}
