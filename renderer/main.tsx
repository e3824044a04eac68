import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { KioskApp, isKioskPage } from './features/pickup/KioskApp.js';
import { initI18n } from './i18n/index.js';
import './ui/global.css';
import { installLogForwarding } from './features/settings/log-forwarder.js';
import { getPlatform } from './platform/index.js';

// The page's errors and warnings go to DATA_DIR/logs/renderer.log from the first moment, the kiosk's too.
installLogForwarding(getPlatform());

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

initI18n()
  .then(() => {
    createRoot(container).render(
      <StrictMode>
        {isKioskPage() ? <KioskApp /> : <App />}
      </StrictMode>,
    );
  })
  .catch((err: unknown) => {
    // Without i18n there is no React screen to show the error on: write it plainly into the page.
    console.error('start-up failed', err);
    container.textContent = `Store Ops could not start (INTERNAL): ${err instanceof Error ? err.message : String(err)}`;
  });
