import { useState } from 'react';
import { Alert, App as AntApp, Button, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LockerBankConfig } from '../../../main/contract.js';
import { useSession } from '../../ui/session.js';
import { ErrorPanel } from '../../ui/ErrorPanel.js';
import { toCodedError, type CodedError } from '../../ui/errors.js';
import { gateOf } from '../approval/authorize.js';
import { useActor } from '../signin/current-operator.js';
import { BankFormDialog } from './BankFormDialog.js';
import { BankSection } from './BankSection.js';
import { changeLockerBank, openForService, type BankChange } from './bank-changes.js';
import { newBankId } from './bank-form.js';
import { useLockerBanks } from './use-locker-banks.js';
import { LoadLocker } from '../pickup/LoadLocker.js';
import { ReturnUncollected } from '../pickup/ReturnUncollected.js';
import { DoubleReleases } from '../pickup/DoubleReleases.js';
import type { Compartment } from '../../../sync/model/index.js';

/**
 * Lockers (F9): loading packed pickup orders (LoadLocker), taking expired ones back to stock (ReturnUncollected), and each parcel-locker bank wired to this terminal as a picture of the cabinet, its doors and boards
 * as the boards answer now. A manager adds, changes and deletes banks (kept in the terminal's change log) and can
 * open a door to check it; everyone sees the health.
 */
export function LockersScreen() {
  const { db, platform } = useSession();
  const actor = useActor();
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const { state, set } = useLockerBanks();
  const [dialog, setDialog] = useState<{ editing: LockerBankConfig | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<CodedError | null>(null);
  const [busy, setBusy] = useState(false);
  // What the last action came to; kept as a key and its values, so it follows a change of language.
  const [outcome, setOutcome] = useState<{ ok: boolean; key: 'opened' | 'openFailed' | 'failed'; number?: number; error?: CodedError } | null>(null);
  const outcomeText = (o: NonNullable<typeof outcome>) => (o.key === 'failed' ? t('errors.title') : t(`lockers.${o.key}`, { number: o.number }));
  const [version, setVersion] = useState(0);
  const [loading, setLoading] = useState<Compartment | null>(null);
  const configure = gateOf(actor.roles, 'terminal.configure') === 'allowed';
  const banks = state.status === 'ready' ? state.banks : [];

  const apply = async (change: BankChange): Promise<boolean> => {
    const result = await changeLockerBank(db, platform, actor, change);
    if (!result.ok) {
      void message.error(`${result.code}: ${result.message}`);
      return false;
    }
    set(result.banks);
    setVersion((v) => v + 1);
    return true;
  };

  const save = async (config: LockerBankConfig) => {
    setSaving(true);
    setSaveError(null);
    try {
      if (!(await apply({ kind: 'save', config }))) return;
      setDialog(null);
      void message.success(t('lockers.saved', { name: config.name }));
    } catch (err) {
      console.error('saving a locker bank failed', err);
      setSaveError(toCodedError(err, 'INTERNAL'));
    } finally {
      setSaving(false);
    }
  };

  const confirmDelete = (bank: LockerBankConfig) =>
    modal.confirm({
      width: 600,
      title: <span style={{ fontSize: 22 }}>{t('lockers.confirmDelete', { name: bank.name })}</span>,
      content: <span style={{ fontSize: 18 }}>{t('lockers.confirmDeleteBody')}</span>,
      okText: t('lockers.confirmDeleteOk'),
      cancelText: t('lockers.cancel'),
      okButtonProps: { danger: true, size: 'large', 'data-testid': 'locker-delete-ok' },
      cancelButtonProps: { size: 'large' },
      autoFocusButton: 'cancel',
      onOk: async () => {
        try {
          if (await apply({ kind: 'delete', id: bank.id })) void message.success(t('lockers.deleted', { name: bank.name }));
        } catch (err) {
          setOutcome({ ok: false, key: 'failed', error: toCodedError(err, 'INTERNAL') });
        }
      },
    });

  /** Opens a door to check it, after asking once: Cancel has the focus, so a stray Enter opens nothing. */
  const confirmOpen = (bank: LockerBankConfig, number: number, reread: () => Promise<void>) =>
    modal.confirm({
      width: 560,
      title: <span style={{ fontSize: 22 }}>{t('lockers.confirmOpen', { number })}</span>,
      content: <span style={{ fontSize: 18 }}>{t('lockers.confirmOpenBody')}</span>,
      okText: t('lockers.confirmOpenOk'),
      cancelText: t('lockers.cancel'),
      okButtonProps: { size: 'large', 'data-testid': 'locker-open-ok' },
      cancelButtonProps: { size: 'large' },
      autoFocusButton: 'cancel',
      onOk: async () => {
        setBusy(true);
        try {
          const result = await openForService(db, platform, actor, bank.id, number);
          if (!result.ok) void message.error(`${result.code}: ${result.message}`);
          else setOutcome({ ok: true, key: 'opened', number });
        } catch (err) {
          console.error(`opening compartment ${number} failed`, err);
          setOutcome({ ok: false, key: 'openFailed', number, error: toCodedError(err, 'INTERNAL') });
        } finally {
          setBusy(false);
          await reread();
        }
      },
    });

  return (
    <div data-testid="lockers" style={{ height: '100%', overflow: 'auto', padding: 24, display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
        <h2 style={{ fontSize: 26, margin: 0 }}>{t('lockers.title')}</h2>
        <span style={{ fontSize: 16, color: '#595959', flex: 1 }}>{t('lockers.keys')}</span>
        <Button data-testid="locker-add" size="large" type="primary" disabled={!configure} onClick={() => (setSaveError(null), setDialog({ editing: null }))} style={{ height: 52, fontSize: 20 }}>
          {t('lockers.add')}
        </Button>
      </div>
      {!configure && <Alert data-testid="lockers-manager-only" type="warning" showIcon title={<span style={{ fontSize: 18 }}>{t('lockers.managerOnly')}</span>} />}
      {outcome?.ok && <Alert data-testid="locker-outcome" data-ok="true" type="success" showIcon closable onClose={() => setOutcome(null)} title={<span style={{ fontSize: 18 }}>{outcomeText(outcome)}</span>} />}
      {outcome && !outcome.ok && outcome.error && (
        <div data-testid="locker-outcome" data-ok="false">
          <strong style={{ fontSize: 18 }}>{outcomeText(outcome)}</strong>
          <ErrorPanel error={outcome.error} actions={[{ label: t('lockers.dismiss'), onClick: () => setOutcome(null) }]} />
        </div>
      )}
      <DoubleReleases />
      {state.status === 'ready' && banks.length > 0 && <LoadLocker banks={banks} onHighlight={setLoading} />}
      {state.status === 'ready' && <ReturnUncollected onHighlight={setLoading} />}
      {state.status === 'loading' && <Spin size="large" description={t('lockers.loading')} />}
      {state.status === 'error' && <ErrorPanel error={state.error} />}
      {state.status === 'ready' && banks.length === 0 && <p data-testid="lockers-empty" style={{ fontSize: 20, color: '#434343' }}>{t('lockers.none')}</p>}
      {banks.map((bank) => (
        <BankSection
          key={bank.id}
          bank={bank}
          version={version}
          highlight={loading?.bankId === bank.id ? loading.number : undefined}
          configure={configure}
          busy={busy}
          onEdit={() => (setSaveError(null), setDialog({ editing: bank }))}
          onDelete={() => confirmDelete(bank)}
          onOpen={(number, reread) => !busy && confirmOpen(bank, number, reread)}
        />
      ))}
      <BankFormDialog
        open={dialog !== null}
        editing={dialog?.editing ?? null}
        busy={saving}
        error={saveError && <ErrorPanel error={saveError} />}
        makeId={(name) => newBankId(name, banks.map((b) => b.id))}
        onSave={(config) => void save(config)}
        onCancel={() => setDialog(null)}
      />
    </div>
  );
}
