import { defineConfig } from 'vite';

export default defineConfig({
  root: 'bench/page',
  base: './',
  build: { outDir: '../../dist/bench', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  logLevel: 'warn',
});
