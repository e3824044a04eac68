import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The supplier portal (console/supplier), a third build beside the terminal's renderer and the head-office console.
 * The central server serves dist/supplier at /supplier/ (sync/server/console-web), so asset URLs are absolute under
 * that base.
 */
export default defineConfig({
  root: 'console/supplier',
  base: '/supplier/',
  plugins: [react()],
  build: {
    outDir: '../../dist/supplier',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: { port: 5175 },
});
