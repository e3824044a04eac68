import { useState } from 'react';
import { Alert, App as AntApp, Button, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PrinterConfig } from '../../../main/contract.js';
import { PERMISSIONS } from '../../../sync/model/index.js';
import { useSession } from '../../ui/session.js';
import { ErrorPanel } from '../../ui/ErrorPanel.js';
import { toCodedError } from '../../ui/errors.js';
import { useActor } from '../signin/current-operator.js';
import { gateOf } from '../approval/authorize.js';
import { PrintOutcome, type PrintOutcomeValue } from '../printing/PrintOutcome.js';
import { labelStore } from '../printing/use-print-labels.js';
import { usePrinters } from '../printing/use-printers.js';
import { PrinterFormDialog } from './PrinterFormDialog.js';
import { newPrinterId, testLabel } from './printer-form.js';
import { ScannerSection } from './ScannerSection.js';
import { ToteLabelsSection } from './ToteLabelsSection.js';
import { changePrinter, type PrinterChange } from './terminal-changes.js';
import { ChangeLog } from './ChangeLog.js';
import { SupportSection } from './SupportSection.js';

const big = { fontSize: 18 } as const;

/**
 * Terminal settings (F4): the label printers of this terminal, each with a test print that proves it works. Adding,
 * changing and deleting them is a manager's (terminal.configure); a deletion asks once more, and every change lands
 * in the terminal's change log, listed below the printers.
 */
export function SettingsScreen() {
  const { db, platform, device } = useSession();
  const actor = useActor();
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const { state, set } = usePrinters();
  const [dialog, setDialog] = useState<{ editing: PrinterConfig | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<PrintOutcomeValue | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [result, setResult] = useState<PrintOutcomeValue | null>(null);
  const printGate = gateOf(actor.roles, 'label.print');
  const configure = gateOf(actor.roles, 'terminal.configure') === 'allowed';
  const [changes, setChanges] = useState(0);
  const printers = state.status === 'ready' ? state.printers : [];

  /** The change, if this operator may make it; the change log is read again after it. */
  const apply = async (change: PrinterChange): Promise<boolean> => {
    const result = await changePrinter(db, platform, actor, change);
    setChanges((n) => n + 1);
    if (!result.ok) {
      void message.error(`${result.code}: ${result.message}`);
      return false;
    }
    set(result.printers);
    return true;
  };

  const save = async (config: PrinterConfig) => {
    setSaving(true);
    setSaveError(null);
    try {
      if (!(await apply({ kind: 'save', config }))) return;
      setDialog(null);
      void message.success(t('settings.saved', { name: config.name }));
    } catch (err) {
      console.error('saving a printer failed', err);
      setSaveError({ ok: false, title: t('errors.title'), error: toCodedError(err, 'INTERNAL') });
    } finally {
      setSaving(false);
    }
  };

  const remove = async (p: PrinterConfig) => {
    setBusyId(p.id);
    try {
      if (!(await apply({ kind: 'delete', id: p.id }))) return;
      setResult(null);
      void message.success(t('settings.deleted', { name: p.name }));
    } catch (err) {
      console.error('deleting a printer failed', err);
      setResult({ ok: false, title: t('errors.title'), error: toCodedError(err, 'INTERNAL') });
    } finally {
      setBusyId(null);
    }
  };

  const testPrint = async (p: PrinterConfig) => {
    setBusyId(p.id);
    setResult(null);
    try {
      const label = testLabel({ storeId: device.storeId, ...(await labelStore(db, device.storeId)) }, new Date());
      const [sent] = await platform.printLabels({ printerId: p.id, operatorId: actor.operatorId, labels: [label] });
      const text = sent?.pdfPath ? t('settings.testPdf', { path: sent.pdfPath }) : t('settings.testSent', { name: p.name, packageId: label.packageId });
      setResult({ ok: true, text });
    } catch (err) {
      console.error('test print failed', err);
      setResult({ ok: false, title: t('settings.testFailed'), error: toCodedError(err, 'INTERNAL') });
    } finally {
      setBusyId(null);
    }
  };

  /** Asks once more: a packing station without its label printer stops. Cancel has the focus. */
  const confirmRemove = (p: PrinterConfig) => {
    if (!configure || busyId !== null) return;
    modal.confirm({
      width: 600,
      title: <span style={{ fontSize: 22 }}>{t('settings.confirmDelete', { name: p.name })}</span>,
      content: <span data-testid="printer-delete-confirm" data-printer-id={p.id} style={{ fontSize: 18 }}>{t('settings.confirmDeleteBody')}</span>,
      okText: t('settings.confirmDeleteOk'),
      cancelText: t('settings.cancel'),
      okButtonProps: { danger: true, size: 'large', 'data-testid': 'printer-delete-ok' },
      cancelButtonProps: { size: 'large', 'data-testid': 'printer-delete-cancel' },
      autoFocusButton: 'cancel',
      onOk: () => remove(p),
    });
  };

  const openDialog = (editing: PrinterConfig | null) => {
    setSaveError(null);
    setDialog({ editing });
  };

  return (
    <div data-testid="settings" style={{ height: '100%', overflow: 'auto', padding: 24, display: 'flex', flexDirection: 'column', gap: 16, maxWidth: 1200 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
        <h2 style={{ fontSize: 26, margin: 0, flex: 1 }}>{t('settings.printers')}</h2>
        <Button data-testid="printer-add" data-gate={configure ? 'allowed' : 'forbidden'} size="large" type="primary" disabled={!configure} onClick={() => openDialog(null)} style={{ height: 52, fontSize: 20 }}>
          {t('settings.add')}
        </Button>
      </div>
      {!configure && <Alert data-testid="settings-manager-only" type="warning" showIcon title={<span style={{ fontSize: 18 }}>{t('settings.managerOnly')}</span>} />}

      {state.status === 'loading' && <Spin size="large" description={t('settings.loading')} />}
      {state.status === 'error' && <ErrorPanel error={state.error} />}
      {state.status === 'ready' && printers.length === 0 && <p style={{ fontSize: 20, color: '#434343' }} data-testid="printers-empty">{t('settings.noPrinters')}</p>}

      {printers.length > 0 && (
        <div role="table" aria-label={t('settings.printers')} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {printers.map((p) => (
            <div
              key={p.id}
              role="row"
              data-testid={`printer-row-${p.id}`}
              data-kind={p.kind}
              style={{ display: 'grid', gridTemplateColumns: '1.4fr 1.6fr 1.2fr auto', alignItems: 'center', gap: 16, padding: '12px 16px', border: '1px solid #d9d9d9', borderRadius: 8, background: '#fff' }}
            >
              <div role="cell">
                <div style={{ fontSize: 20, fontWeight: 700 }}>{p.name}</div>
                <code style={{ fontSize: 14, color: '#595959' }}>{p.id}</code>
              </div>
              <div role="cell" style={big}>
                {p.kind === 'raw-tcp' ? `${(p.language ?? 'zpl').toUpperCase()} · ${p.host ?? ''}:${p.port ?? 9100}` : `${t('settings.pdfRoute')}${p.osPrinter ? ` · ${p.osPrinter}` : ''}`}
              </div>
              <div role="cell" style={{ ...big, whiteSpace: 'nowrap' }}>
                {p.size.replace('x', ' × ')} mm · {p.dpi} dpi
              </div>
              <div role="cell" style={{ display: 'flex', gap: 8 }}>
                <Button
                  data-testid={`printer-test-${p.id}`}
                  size="large"
                  type="primary"
                  loading={busyId === p.id}
                  disabled={busyId !== null || printGate !== 'allowed'}
                  title={printGate === 'allowed' ? undefined : t('settings.notAllowed', { roles: PERMISSIONS['label.print'].roles.map((r) => t(`role.${r}`)).join(', ') })}
                  onClick={() => void testPrint(p)}
                >
                  {t('settings.test')}
                </Button>
                <Button data-testid={`printer-edit-${p.id}`} data-gate={configure ? 'allowed' : 'forbidden'} size="large" disabled={busyId !== null || !configure} onClick={() => openDialog(p)}>
                  {t('settings.edit')}
                </Button>
                <Button data-testid={`printer-delete-${p.id}`} data-gate={configure ? 'allowed' : 'forbidden'} size="large" danger disabled={busyId !== null || !configure} onClick={() => confirmRemove(p)}>
                  {t('settings.delete')}
                </Button>
              </div>
            </div>
          ))}
        </div>
      )}

      <PrintOutcome value={result} testId="print-result" />
      <ChangeLog version={changes} />

      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16, alignItems: 'start' }}>
        <ScannerSection />
        <ToteLabelsSection />
      </div>
      <SupportSection />

      <PrinterFormDialog
        open={dialog !== null}
        editing={dialog?.editing ?? null}
        busy={saving}
        error={<PrintOutcome value={saveError} testId="printer-save-error" />}
        makeId={(name) => newPrinterId(name, printers.map((p) => p.id))}
        onSave={(config) => void save(config)}
        onCancel={() => setDialog(null)}
      />
    </div>
  );
}
