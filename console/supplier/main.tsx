import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.js';
import { initSupplierI18n } from './i18n/index.js';
import './global.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

initSupplierI18n()
  .then((i18n) => {
    createRoot(container).render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <App />
        </I18nextProvider>
      </StrictMode>,
    );
  })
  .catch((err: unknown) => {
    // Without i18n there is no React screen to show the error on: write it plainly into the page.
    console.error('start-up failed', err);
    container.textContent = `供应商网上平台无法启动 / The supplier portal could not start (INTERNAL): ${err instanceof Error ? err.message : String(err)}`;
  });
