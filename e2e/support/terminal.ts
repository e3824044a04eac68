import { spawnNpm, tempDir, type Child } from './processes.js';

export interface Terminal {
  url: string;
  dataDir: string;
  child: Child;
  stop(): Promise<void>;
}

/** Provisions and starts a terminal in browser mode exactly as IT would: `npm run terminal -- ... --web`. */
export async function startTerminal(serverUrl: string, code: string, name: string): Promise<Terminal> {
  const dataDir = tempDir(`terminal-${name}`);
  const child = spawnNpm('terminal', ['--server', serverUrl, '--enroll-code', code, '--web', '--port', '0', '--data-dir', dataDir, '--name', name], {});
  const m = await child.waitFor(/Terminal ready at (http:\/\/127\.0\.0\.1:\d+\/)/);
  return { url: m[1] ?? '', dataDir, child, stop: () => child.stop() };
}
