import { useEffect, useState } from 'react';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SupportBundleResult } from '../../../main/contract.js';
import { useSession } from '../../ui/session.js';
import { toCodedError } from '../../ui/errors.js';
import { PrintOutcome, type PrintOutcomeValue } from '../printing/PrintOutcome.js';
import { collectSupportInput } from './support-input.js';

type AppInfo = { version: string; dataDir: string; mode: 'electron' | 'web' };

/**
 * For support (Settings, F4): this terminal's version and data directory, and a support bundle (a zip of the
 * logs, the settings without secrets, the sync state and the last quarantine entries) written into the data
 * directory, whose path is shown to read out or copy. Anyone signed in may save one: it holds no secret.
 */
export function SupportSection() {
  const { t } = useTranslation();
  const session = useSession();
  const { platform } = session;
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<SupportBundleResult | null>(null);
  const [failure, setFailure] = useState<PrintOutcomeValue | null>(null);

  useEffect(() => {
    let live = true;
    platform.appInfo().then(
      (i) => live && setInfo(i),
      (err: unknown) => console.error('reading the app info failed', err),
    );
    return () => {
      live = false;
    };
  }, [platform]);

  const save = async () => {
    setBusy(true);
    setSaved(null);
    setFailure(null);
    try {
      setSaved(await platform.saveSupportBundle(await collectSupportInput(session)));
    } catch (err) {
      console.error('saving the support bundle failed', err);
      setFailure({ ok: false, title: t('settings.support.failed'), error: toCodedError(err, 'INTERNAL') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section data-testid="support" aria-labelledby="support-title" style={{ display: 'flex', flexDirection: 'column', gap: 12, padding: 16, border: '1px solid #d9d9d9', borderRadius: 8, background: '#fff' }}>
      <h2 id="support-title" style={{ fontSize: 24, margin: 0 }}>{t('settings.support.title')}</h2>
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: 0, fontSize: 18 }}>
        <dt>{t('settings.support.version')}</dt>
        <dd data-testid="support-version" style={{ margin: 0 }}>{info ? `${info.version} (${info.mode === 'electron' ? t('settings.support.modeElectron') : t('settings.support.modeWeb')})` : '…'}</dd>
        <dt>{t('settings.support.dataDir')}</dt>
        <dd style={{ margin: 0 }}>
          <code data-testid="support-data-dir" style={{ fontSize: 16, overflowWrap: 'anywhere', userSelect: 'all' }}>{info?.dataDir ?? '…'}</code>
        </dd>
      </dl>
      <span style={{ fontSize: 16, color: '#434343' }}>{t('settings.support.intro')}</span>
      <div>
        <Button data-testid="support-bundle-save" type="primary" size="large" loading={busy} onClick={() => void save()}>
          {t('settings.support.save')}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {saved && (
          <Alert
            data-testid="support-bundle-result"
            data-path={saved.path}
            type="success"
            showIcon
            title={<span style={{ fontSize: 17 }}>{t('settings.support.saved')}</span>}
            description={<code style={{ fontSize: 16, overflowWrap: 'anywhere', userSelect: 'all' }}>{saved.path}</code>}
          />
        )}
      </div>
      <PrintOutcome value={failure} testId="support-bundle-result" />
    </section>
  );
}
