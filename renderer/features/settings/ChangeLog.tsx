import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TerminalChange } from '../../../main/contract.js';
import { useSession } from '../../ui/session.js';
import { toCodedError } from '../../ui/errors.js';
import { formatStoreTime } from '../../ui/format.js';
import { useStoreTimeZone } from '../../ui/store-time-zone.js';
import { useOperatorNames } from '../signin/use-operator-names.js';

const WHAT = {
  'printer.added': 'settings.changeAdded',
  'printer.changed': 'settings.changeChanged',
  'printer.deleted': 'settings.changeDeleted',
  'locker.added': 'settings.changeLockerAdded',
  'locker.changed': 'settings.changeLockerChanged',
  'locker.deleted': 'settings.changeLockerDeleted',
} as const satisfies Record<TerminalChange['what'], string>;

/** The last changes to this terminal's set-up, from its change log (main side): when, who, what. */
export function ChangeLog(props: { version: number }) {
  const { platform } = useSession();
  const { t } = useTranslation();
  const names = useOperatorNames();
  const timeZone = useStoreTimeZone((s) => s.timeZone);
  const [state, setState] = useState<{ changes: TerminalChange[] } | { error: string } | null>(null);

  useEffect(() => {
    let live = true;
    platform.listTerminalChanges({ limit: 6 }).then(
      (changes) => live && setState({ changes }),
      (err: unknown) => {
        console.error('reading the terminal change log failed', err);
        if (live) setState({ error: toCodedError(err, 'INTERNAL').message });
      },
    );
    return () => {
      live = false;
    };
  }, [platform, props.version]);

  return (
    <section data-testid="terminal-changes" style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      <h3 style={{ fontSize: 20, margin: '8px 0 0' }}>{t('settings.changes')}</h3>
      {state && 'error' in state && <span style={{ fontSize: 17, color: '#a8071a' }}>{t('settings.changesFailed', { message: state.error })}</span>}
      {state && 'changes' in state && state.changes.length === 0 && <span style={{ fontSize: 17, color: '#434343' }}>{t('settings.noChanges')}</span>}
      {state && 'changes' in state && state.changes.map((c) => (
        <div key={c.id} data-testid="terminal-change" data-what={c.what} data-subject={c.subject} data-operator-id={c.operatorId} style={{ display: 'flex', gap: 16, fontSize: 17 }}>
          <span style={{ color: '#595959', whiteSpace: 'nowrap' }}>{formatStoreTime(c.at, timeZone).slice(0, 16)}</span>
          <span>{t(WHAT[c.what], { who: names.get(c.operatorId) ?? c.operatorId, name: (c.after ?? c.before)?.name ?? c.subject })}</span>
        </div>
      ))}
    </section>
  );
}
