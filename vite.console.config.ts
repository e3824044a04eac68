import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The head-office console (console/office), a second build beside the terminal's renderer. The central server
 * serves dist/console at /console/ (sync/server/console-web), so asset URLs are absolute under that base.
 */
export default defineConfig({
  root: 'console/office',
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: { port: 5174 },
});
