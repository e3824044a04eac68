import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../sync/model/index.js';
import { formatStoreTime } from '../../ui/format.js';
import { useStoreTimeZone } from '../../ui/store-time-zone.js';
import { useOperatorNames } from '../signin/use-operator-names.js';
import { useDeviceLabel } from '../../ui/device-label.js';

/** What happened to the order, in the order the fold applied it; events that changed nothing are greyed, with why. */
export function OrderHistory(props: { history: readonly HistoryEntry[] }) {
  const { t } = useTranslation();
  const deviceLabel = useDeviceLabel();
  const timeZone = useStoreTimeZone((s) => s.timeZone);
  const names = useOperatorNames();
  return (
    <section>
      <h3 style={{ fontSize: 20, margin: '0 0 8px' }}>{t('detail.history')}</h3>
      {props.history.length === 0 && <div style={{ fontSize: 18, color: '#434343' }}>{t('detail.noHistory')}</div>}
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {props.history.map(({ event, applied, ignoredReason }) => (
          <li
            key={event.id}
            data-testid="history-entry"
            data-type={event.type}
            data-applied={String(applied)}
            style={{
              display: 'grid', gridTemplateColumns: '1.3fr 1.4fr 1fr 1fr', alignItems: 'baseline', gap: 12, padding: '10px 12px', fontSize: 18,
              borderLeft: `6px solid ${applied ? '#0b5cad' : '#bfbfbf'}`, borderBottom: '1px solid #f0f0f0',
              color: applied ? '#141414' : '#8c8c8c', background: applied ? '#fff' : '#fafafa',
            }}
          >
            <strong style={{ textDecoration: applied ? 'none' : 'line-through' }}>{t(`eventPast.${event.type}`)}</strong>
            <span>{formatStoreTime(event.at, timeZone)}</span>
            <span title={`${t('detail.historyOperator')}: ${event.operatorId}`} data-testid="history-operator" data-operator-id={event.operatorId}>
              {names.get(event.operatorId) ?? event.operatorId}
            </span>
            <span
              title={`${t('detail.historyDevice')}: ${event.deviceId}`}
              data-testid="history-device"
              style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: 15 }}
            >
              {deviceLabel(event.deviceId)}
            </span>
            {!applied && ignoredReason && (
              <span data-testid="history-ignored" style={{ gridColumn: '1 / -1', fontSize: 16, fontStyle: 'italic' }}>
                {t('detail.ignored', { reason: ignoredReason })}
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
