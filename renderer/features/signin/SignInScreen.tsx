import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Input, Spin, Typography, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../sync/model/index.js';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useScanHandler } from '../../ui/scan-router.js';
import { Header } from '../../ui/Header.js';
import { ErrorPanel } from '../../ui/ErrorPanel.js';
import { toCodedError } from '../../ui/errors.js';
import { filterOperators, findByBadge, operators$ } from './operators.js';
import { useOperatorSession } from './operator-session.js';
import { usePinAttempt } from './use-pin-attempt.js';
import { PinEntry } from './PinEntry.js';
import { PinProblemText } from './PinProblemText.js';
import { OperatorList } from './OperatorList.js';

/**
 * Full-screen sign-in: scan a badge, or type to filter the staff list, ↑/↓ and Enter; then the PIN and Enter.
 * Verified offline by the main side (verifyPin), which alone holds the PIN verifiers. Nothing of the work screens
 * is rendered behind it.
 */
export function SignInScreen() {
  const { db } = useSession();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const live = useObservable(() => operators$(db), [db]);
  const all = useMemo(() => (live.status === 'ready' ? live.value : []), [live]);
  const { preselectId, signIn, locked } = useOperatorSession();
  const [filter, setFilter] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(preselectId);
  const filterRef = useRef<InputRef>(null);
  const pinRef = useRef<InputRef>(null);

  const shown = useMemo(() => filterOperators(all, filter), [all, filter]);
  const selected = all.find((o) => o.id === selectedId) ?? null;
  // Said for as long as the person who locked is the one chosen; choosing someone else is an ordinary sign-in.
  const lockedBy = locked && selected && selected.id === preselectId ? selected : null;
  const attempt = usePinAttempt(selected, (op) => signIn(op.id));

  useEffect(() => setHighlight(0), [filter]);
  useEffect(() => {
    // The PIN field appears with the chosen operator; focus follows so the next keys are the PIN.
    if (selectedId) pinRef.current?.focus();
    else filterRef.current?.focus();
  }, [selectedId, live.status]);

  const choose = (op: Operator | undefined) => {
    if (!op) return;
    setSelectedId(op.id);
    // One row is marked, whether it was reached by arrows, a click or a badge: the keyboard continues from it.
    const at = shown.indexOf(op);
    if (at >= 0) setHighlight(at);
    attempt.setPin('');
    pinRef.current?.focus();
  };
  const back = () => {
    setSelectedId(null);
    filterRef.current?.focus();
  };

  useScanHandler((code) => {
    const badge = findByBadge(all, code);
    if (badge) return choose(badge);
    // Not a badge: fast typing (or a keypad) that ended in Enter. Do what Enter would have done where it was typed.
    const focused = document.activeElement;
    if (focused && focused === pinRef.current?.input) return void attempt.submit();
    if (focused && focused === filterRef.current?.input) return choose(shown[highlight]);
    void message.warning(t('signin.unknownBadge', { code }));
  });

  if (live.status === 'error') return <ErrorPanel error={toCodedError(live.error, 'UNKNOWN')} />;

  return (
    <div style={{ height: '100vh', display: 'flex', flexDirection: 'column', background: '#0b1f33' }}>
      <Header />
      <div data-testid="signin" style={{ flex: 1, minHeight: 0, display: 'flex', gap: 32, padding: 32, justifyContent: 'center', background: '#f0f2f5' }}>
        <section style={{ width: 520, display: 'flex', flexDirection: 'column', gap: 12, minHeight: 0 }}>
          {lockedBy ? (
            <div data-testid="signin-locked">
              <Typography.Title level={2} style={{ margin: 0 }}>{t('signin.lockedTitle')}</Typography.Title>
              <Typography.Text style={{ fontSize: 18 }}>{t('signin.lockedIntro', { name: lockedBy.name })}</Typography.Text>
            </div>
          ) : (
            <>
              <Typography.Title level={2} style={{ margin: 0 }}>{t('signin.title')}</Typography.Title>
              <Typography.Text style={{ fontSize: 18 }}>{t('signin.intro')}</Typography.Text>
            </>
          )}
          <Input
            ref={filterRef}
            data-testid="signin-filter"
            placeholder={t('signin.filter')}
            autoComplete="off"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                const step = e.key === 'ArrowDown' ? 1 : -1;
                setHighlight((h) => Math.max(0, Math.min(shown.length - 1, h + step)));
              } else if (e.key === 'Enter') {
                e.preventDefault();
                choose(shown[highlight]);
              } else if (e.key === 'Escape') {
                setFilter('');
              }
            }}
            style={{ height: 56, fontSize: 22 }}
          />
          {live.status === 'loading' && <Spin size="large" />}
          {live.status === 'ready' && all.length === 0 && (
            <Alert data-testid="signin-empty" type="warning" showIcon title={<span style={{ fontSize: 18 }}>{t('signin.noOperators')}</span>} />
          )}
          <OperatorList operators={shown} highlight={highlight} selectedId={selectedId} onChoose={choose} />
          <div style={{ fontSize: 16, color: '#434343' }}>{t('signin.keys')}</div>
        </section>
        <section data-testid="signin-pin-panel" style={{ width: 380, display: 'flex', flexDirection: 'column', gap: 16, alignItems: 'center' }}>
          {selected ? (
            <>
              <div data-testid="signin-selected" data-operator-id={selected.id} style={{ textAlign: 'center' }}>
                <div style={{ fontSize: 28, fontWeight: 700 }}>{selected.name}</div>
                <div style={{ fontSize: 18, color: '#434343' }}>{selected.roles.map((r) => t(`role.${r}`)).join(' · ')}</div>
              </div>
              <PinProblemText problem={attempt.problem} testId="pin-error" name={selected.name} failures={attempt.failures} />
              <PinEntry
                ref={pinRef}
                value={attempt.pin}
                onChange={attempt.setPin}
                onSubmit={() => void attempt.submit()}
                disabled={!selected.active || !selected.hasPin}
                busy={attempt.busy}
                inputTestId="pin-input"
                submitTestId="pin-submit"
                submitLabel={t('signin.submit')}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    e.preventDefault();
                    back();
                  }
                }}
              />
            </>
          ) : (
            <Typography.Text style={{ fontSize: 20, marginTop: 120, textAlign: 'center' }}>{t('signin.chooseFirst')}</Typography.Text>
          )}
        </section>
      </div>
    </div>
  );
}
