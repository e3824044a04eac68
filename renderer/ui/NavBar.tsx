import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SCREENS, SCREEN_KEYS, screenForKey, useNav } from './nav-state.js';

/** The work screens as tabs, each on its function key (F1 orders, F2 inventory, F3 activity, F4 settings, F5 picking, F6 packing, F7 counter, F8 couriers, F9 lockers, F10 day close). */
export function NavBar() {
  const { t } = useTranslation();
  const { screen, go } = useNav();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.repeat || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
      const target = screenForKey(e.key);
      if (!target) return;
      // F1 would open the browser's help; the function keys belong to the terminal.
      e.preventDefault();
      go(target);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [go]);
  return (
    <nav role="tablist" aria-label={t('nav.label')} style={{ display: 'flex', gap: 2, padding: '0 8px', background: '#12304d' }}>
      {SCREENS.map((s) => {
        const active = s === screen;
        return (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={active}
            data-testid={`nav-${s}`}
            data-active={String(active)}
            onClick={() => go(s)}
            style={{
              // Ten tabs fit across 1366 px in either language; they never wrap or scroll away.
              padding: '10px 8px', fontSize: 17, fontWeight: 700, whiteSpace: 'nowrap', cursor: 'pointer', border: 'none', borderBottom: `4px solid ${active ? '#ffd666' : 'transparent'}`,
              background: active ? '#0b1f33' : 'transparent', color: '#fff',
            }}
          >
            {t(`nav.${s}`)}
            <kbd style={{ marginLeft: 6, padding: '0 4px', border: '1px solid currentColor', borderRadius: 4, fontSize: 13, opacity: 0.85 }}>{SCREEN_KEYS[s]}</kbd>
          </button>
        );
      })}
    </nav>
  );
}
