import { spawn } from 'node:child_process';
import { chmod, copyFile, rename } from 'node:fs/promises';
import { app } from 'electron';
import type { UpdateInstaller } from './types.js';

/**
 * The installer step in Electron. electron-updater is not a dependency (its runtime half needs Electron's, which
 * cannot be downloaded here), so this does the two things it would do with a file already verified by checker.ts:
 * - Windows (NSIS): run the installer silently, as electron-updater does (`/S --updated --force-run`), and quit so it
 *   can replace the files; --force-run starts the new version.
 * - Linux (AppImage): put the new AppImage in the place of the running one ($APPIMAGE) and relaunch.
 * Anything else (a deb install, a development run) refuses, and the update stays ready with UPDATE_INSTALL_FAILED.
 * Type-checked only (tsconfig.electron.json); the logic around it is tested in checker.test.ts with a fake.
 */
export function electronInstaller(): UpdateInstaller {
  return {
    async install(file) {
      if (process.platform === 'win32') {
        spawn(file, ['/S', '--updated', '--force-run'], { detached: true, stdio: 'ignore' }).unref();
        app.quit();
        return;
      }
      const appImage = process.env.APPIMAGE;
      if (process.platform === 'linux' && appImage) {
        // Copy beside, then rename over: the running AppImage is replaced in one step, never half written.
        const next = `${appImage}.next`;
        await copyFile(file, next);
        await chmod(next, 0o755);
        await rename(next, appImage);
        app.relaunch({ execPath: appImage });
        app.exit(0);
        return;
      }
      throw new Error(`this terminal cannot install updates itself (${process.platform}${appImage ? '' : ', not an AppImage'}); install ${file} by hand`);
    },
  };
}
