import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import type { LockerBankConfig, StoreOpsContract } from '../../../main/contract.js';
import type { TerminalDb } from '../../db/index.js';
import type { Compartment } from '../../../sync/model/index.js';
import { useScanHandler } from '../../ui/scan-router.js';
import { BankPicture } from '../lockers/BankPicture.js';
import { checkPresented, type KioskCheck, type Presented } from './kiosk-check.js';
import { awaitDoorClosed, loadPending, openForCustomer, type KioskDevice } from './kiosk-release.js';

type Phase =
  | { k: 'idle' }
  | { k: 'checking' }
  | { k: 'opening'; compartment: Compartment }
  | { k: 'open'; compartment: Compartment }
  | { k: 'done'; compartment: Compartment }
  | { k: 'refused'; check: Exclude<KioskCheck, { ok: true }> }
  | { k: 'counter'; why: 'atCounter' | 'doorFailed' };

const CODE_MAX = 8;
/** A finished screen (thanks, refusal) stays this long before the kiosk is ready for the next customer. */
const RESET_MS = 10_000;

/**
 * The customer's screen (issue 10, "The kiosk"): a QR scan or a typed code releases the order's compartment, with the
 * server up or down. No staff function is reachable from here. Digits come from the on-screen pad or a keyboard; a
 * scanner's QR arrives through the wedge.
 */
export function KioskScreen(props: { db: TerminalDb; platform: StoreOpsContract; device: KioskDevice; banks: readonly LockerBankConfig[]; timeZone: string | undefined }) {
  const { db, platform, device, banks } = props;
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState('');
  const [phase, setPhase] = useState<Phase>({ k: 'idle' });
  const busy = phase.k === 'checking' || phase.k === 'opening' || phase.k === 'open';
  const abort = useRef(new AbortController());
  useEffect(() => () => abort.current.abort(), []);

  const release = useCallback(
    async (presented: Presented) => {
      setPhase({ k: 'checking' });
      const check = await checkPresented(db, device.storeId, presented, Date.now());
      setCode('');
      if (!check.ok) return setPhase({ k: 'refused', check });
      if (!check.compartment) return setPhase({ k: 'counter', why: 'atCounter' });
      const compartment = check.compartment;
      setPhase({ k: 'opening', compartment });
      const opened = await openForCustomer(db, platform, device, { orderId: check.orderId, compartment, proof: check.proof });
      if (!opened.ok) return setPhase({ k: 'counter', why: 'doorFailed' });
      setPhase({ k: 'open', compartment });
      await awaitDoorClosed(db, platform, device, abort.current.signal);
      setPhase({ k: 'done', compartment });
    },
    [db, platform, device],
  );

  // A release interrupted by a reload (door open, no fact yet) is finished first.
  useEffect(() => {
    void loadPending(db).then((pending) => {
      if (!pending) return;
      setPhase({ k: 'open', compartment: pending.compartment });
      void awaitDoorClosed(db, platform, device, abort.current.signal).then(() => setPhase({ k: 'done', compartment: pending.compartment }));
    });
  }, [db, platform, device]);

  useEffect(() => {
    if (phase.k !== 'done' && phase.k !== 'refused' && phase.k !== 'counter') return;
    const timer = setTimeout(() => setPhase({ k: 'idle' }), RESET_MS);
    return () => clearTimeout(timer);
  }, [phase]);

  const submit = useCallback(() => {
    if (!busy && code.length > 0) void release({ kind: 'code', code });
  }, [busy, code, release]);
  const press = useCallback(
    (key: string) => {
      if (busy) return;
      if (phase.k !== 'idle') setPhase({ k: 'idle' });
      if (key === 'back') return setCode((c) => c.slice(0, -1));
      if (key === 'ok') return submit();
      setCode((c) => (c.length < CODE_MAX ? c + key : c));
    },
    [busy, phase.k, submit],
  );

  // A QR pass (P1.…) or a code typed fast enough to look like a scan: both are taken here.
  useScanHandler((scanned) => {
    if (busy) return true;
    void release(scanned.startsWith('P1.') ? { kind: 'qr', token: scanned } : { kind: 'code', code: scanned });
    return true;
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (/^\d$/.test(e.key)) press(e.key);
      else if (e.key === 'Backspace') press('back');
      else if (e.key === 'Enter') press('ok');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [press]);

  const highlight = phase.k === 'opening' || phase.k === 'open' || phase.k === 'done' ? phase.compartment : null;
  const bank = banks.find((b) => b.id === highlight?.bankId) ?? banks[0];
  return (
    <div data-testid="kiosk" data-phase={phase.k} style={{ height: '100vh', display: 'flex', flexDirection: 'column', background: '#f5f7fa' }}>
      <header style={{ display: 'flex', alignItems: 'center', padding: '16px 28px', background: '#0b5cad', color: '#fff' }}>
        <h1 style={{ margin: 0, fontSize: 32, flex: 1 }}>{t('pickup.kiosk.title')}</h1>
        <button
          type="button"
          data-testid="kiosk-language"
          onClick={() => void i18next.changeLanguage(i18n.language === 'zh-CN' ? 'en' : 'zh-CN')}
          style={{ fontSize: 22, padding: '8px 22px', borderRadius: 8, border: '2px solid #fff', background: 'transparent', color: '#fff' }}
        >
          {t('pickup.kiosk.language')}
        </button>
      </header>
      <div style={{ flex: 1, display: 'flex', gap: 32, padding: 28, minHeight: 0 }}>
        <section style={{ width: 520, display: 'flex', flexDirection: 'column', gap: 18 }}>
          <p style={{ fontSize: 24, margin: 0 }}>{t('pickup.kiosk.prompt')}</p>
          <div data-testid="kiosk-code" aria-label={t('pickup.kiosk.code')} style={{ display: 'flex', gap: 8 }}>
            {Array.from({ length: CODE_MAX }, (_, i) => (
              <span key={i} style={{ width: 54, height: 66, display: 'grid', placeItems: 'center', fontSize: 36, fontWeight: 700, background: '#fff', border: '2px solid #8c9db5', borderRadius: 8 }}>
                {code[i] ?? ''}
              </span>
            ))}
          </div>
          <NumberPad onPress={press} disabled={busy} />
        </section>
        <section style={{ flex: 1, display: 'flex', flexDirection: 'column', gap: 18, minWidth: 0 }}>
          <Outcome phase={phase} timeZone={props.timeZone} />
          {bank && <BankPicture bankId={bank.id} compartments={bank.compartments.map((c) => ({ ...c, open: highlight?.bankId === bank.id && highlight.number === c.number && phase.k !== 'done' }))} {...(highlight ? { highlight: highlight.number } : {})} />}
        </section>
      </div>
    </div>
  );
}

function NumberPad(props: { onPress: (key: string) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'back', '0', 'ok'];
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 12 }}>
      {keys.map((key) => (
        <button
          key={key}
          type="button"
          data-testid={`kiosk-key-${key}`}
          disabled={props.disabled}
          // The pad is for touch; the keyboard types straight into the code, so the buttons never take focus.
          tabIndex={-1}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => props.onPress(key)}
          style={{
            height: 72, fontSize: key === 'ok' || key === 'back' ? 24 : 34, fontWeight: 700, borderRadius: 10,
            border: '2px solid #8c9db5', background: key === 'ok' ? '#0b5cad' : '#fff', color: key === 'ok' ? '#fff' : '#141414',
          }}
        >
          {key === 'ok' ? t('pickup.kiosk.ok') : key === 'back' ? t('pickup.kiosk.clear') : key}
        </button>
      ))}
    </div>
  );
}

function Outcome({ phase, timeZone }: { phase: Phase; timeZone: string | undefined }) {
  const { t } = useTranslation();
  const text = (() => {
    switch (phase.k) {
      case 'idle': return { main: t('pickup.kiosk.idle'), sub: t('pickup.kiosk.offline'), tone: '#434343' };
      case 'checking': return { main: t('pickup.kiosk.checking'), tone: '#434343' };
      case 'opening': return { main: t('pickup.kiosk.opening', { number: phase.compartment.number }), tone: '#0b5cad' };
      case 'open': return { main: t('pickup.kiosk.open', { number: phase.compartment.number }), sub: t('pickup.kiosk.openHint'), tone: '#237804' };
      case 'done': return { main: t('pickup.kiosk.done'), sub: t('pickup.kiosk.again'), tone: '#237804' };
      case 'counter': return { main: t(`pickup.kiosk.${phase.why}`), sub: t('pickup.kiosk.again'), tone: '#d46b08' };
      case 'refused': {
        const { check } = phase;
        const time = check.until ? new Date(check.until).toLocaleTimeString(i18next.language, { hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }) : '';
        return { main: t(`pickup.kiosk.refused.${check.code}`, { count: check.triesLeft ?? 0, time }), sub: t('pickup.kiosk.again'), tone: '#c4161c' };
      }
    }
  })();
  return (
    <div data-testid="kiosk-message" data-outcome={phase.k === 'refused' ? phase.check.code : phase.k} role="status" style={{ minHeight: 120, padding: '18px 24px', background: '#fff', borderLeft: `10px solid ${text.tone}`, borderRadius: 8 }}>
      <div style={{ fontSize: 30, fontWeight: 700, color: text.tone }}>{text.main}</div>
      {text.sub && <div style={{ fontSize: 22, marginTop: 8 }}>{text.sub}</div>}
    </div>
  );
}
