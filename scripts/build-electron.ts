/**
 * Bundles the Electron main process and preload into dist-electron/main (package.json "main" points there).
 * Run: npx tsx scripts/build-electron.ts
 */
import { buildElectronMain, ELECTRON_OUT } from '../main/host/electron.js';

await buildElectronMain();
console.log(`Built ${ELECTRON_OUT}/index.js and preload.cjs`);
