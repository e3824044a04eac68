import { app, dialog } from 'electron';
import type { SecretBox } from '../pins/secret-box.js';
import { isBrokenStore, openSecretStores, recoveryText, reenrollFromScreen } from './recovery.js';

/**
 * Electron's half of "a corrupt or undecryptable store stops the start" (thin: only type-checked here, the logic is
 * main/secrets/recovery.ts, tested in Node). Resolves true when the stores open; otherwise shows what is wrong and
 * either quits or, when the person chooses to re-enroll, moves the unusable files aside and restarts the app, which
 * then shows the enrollment screen. Resolves false in both cases: the caller must not go on.
 */
export async function secretStoresOpenOrStop(dataDir: string, box: SecretBox): Promise<boolean> {
  try {
    await openSecretStores(dataDir, box);
    return true;
  } catch (err) {
    if (!isBrokenStore(err)) throw err;
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: 'Store Ops',
      message: `Store Ops cannot start (${err.code})`,
      detail: recoveryText(err, dataDir, 'button'),
      buttons: ['Quit', 'Re-enroll'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    if (response === 1) {
      await reenrollFromScreen(dataDir, box);
      app.relaunch();
    }
    app.exit(response === 1 ? 0 : 1);
    return false;
  }
}
