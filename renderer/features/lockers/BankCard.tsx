import { Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LockerBankConfig } from '../../../main/contract.js';
import { ErrorPanel } from '../../ui/ErrorPanel.js';
import { formatStoreTime } from '../../ui/format.js';
import { useStoreTimeZone } from '../../ui/store-time-zone.js';
import { BankPicture } from './BankPicture.js';
import type { BankStatusState } from './use-bank-status.js';

const whereOf = (b: LockerBankConfig) => (b.transport.kind === 'tcp' ? `TCP ${b.transport.host}:${b.transport.port}` : `${b.transport.path} @ ${b.transport.baudRate ?? 19200}`);

/** One bank: where it is wired, its picture with the doors as last read, and whether each board answers. */
export function BankCard(props: {
  bank: LockerBankConfig;
  /** The compartment the loading panel chose or opened. */
  highlight?: number | undefined;
  health: BankStatusState;
  configure: boolean;
  busy: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onOpen: (number: number) => void;
}) {
  const { t } = useTranslation();
  const timeZone = useStoreTimeZone((s) => s.timeZone);
  const { bank, health } = props;
  const status = health.status?.bankId === bank.id ? health.status : null;
  // A bank just edited shows its new layout at once; the doors come with the next read.
  const compartments = bank.compartments.map((c) => ({ ...c, open: status?.compartments.find((s) => s.number === c.number && s.board === c.board && s.lock === c.lock)?.open ?? null }));
  return (
    <section data-testid="locker-bank" data-bank-id={bank.id} style={{ display: 'flex', flexDirection: 'column', gap: 10, padding: 16, border: '1px solid #d9d9d9', borderRadius: 8 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <h3 style={{ fontSize: 22, margin: 0 }}>{bank.name}</h3>
        <span style={{ fontSize: 16, color: '#595959', flex: 1 }}>{t('lockers.where', { where: whereOf(bank), bit: bank.openBit })}</span>
        <Button size="large" data-testid="locker-edit" disabled={!props.configure || props.busy} onClick={props.onEdit}>
          {t('lockers.edit')}
        </Button>
        <Button size="large" danger data-testid="locker-delete" disabled={!props.configure || props.busy} onClick={props.onDelete}>
          {t('lockers.delete')}
        </Button>
      </div>
      <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start' }}>
        <BankPicture bankId={bank.id} compartments={compartments} {...(props.configure ? { onOpen: props.onOpen } : {})} {...(props.highlight !== undefined ? { highlight: props.highlight } : {})} />
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8, fontSize: 17, minWidth: 280 }}>
          <strong>{t('lockers.boards')}</strong>
          {(status?.boards ?? bank.boards.map((board) => ({ board, answering: null as boolean | null, errorCode: undefined }))).map((b) => (
            <span key={b.board} data-testid="locker-board" data-board={b.board} data-answering={String(b.answering)}>
              <Tag color={b.answering === true ? 'green' : b.answering === false ? 'red' : 'default'} style={{ fontSize: 15, padding: '2px 8px' }}>
                {b.answering === false ? t('lockers.boardDown', { board: b.board, code: b.errorCode ?? '?' }) : t('lockers.boardOk', { board: b.board })}
              </Tag>
            </span>
          ))}
          <span style={{ color: '#595959' }}>{t('lockers.legend')}</span>
          {status && <span style={{ color: '#595959' }} data-testid="locker-read-at">{t('lockers.readAt', { time: formatStoreTime(status.at, timeZone).slice(11, 19) })}</span>}
          {status && status.droppedFrames > 0 && <span style={{ color: '#ad4e00' }}>{t('lockers.dropped', { count: status.droppedFrames })}</span>}
          {health.error && (
            <div data-testid="locker-read-error" style={{ maxWidth: 520 }}>
              <strong>{t('lockers.readFailed')}</strong>
              <ErrorPanel error={health.error} />
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
