/**
 * The update rollouts page's calls, typed by the contract sync/protocol/updates.ts (its console section): the
 * versions the centre publishes with their rollouts, and setting one version's rollout.
 */
import { CONSOLE_API_BASE } from '../../sync/protocol/console.js';
import { CONSOLE_ROLLOUTS_PATH, consoleRolloutSubpath, type ConsoleRolloutRequest, type ConsoleRolloutsResponse, type Rollout } from '../../sync/protocol/updates.js';
import { api } from './api.js';

export type { ConsoleUpdateVersion, Rollout } from '../../sync/protocol/updates.js';

export const updatesApi = {
  rollouts: () => api.get<ConsoleRolloutsResponse>(CONSOLE_API_BASE + CONSOLE_ROLLOUTS_PATH),
  setRollout: (version: string, body: ConsoleRolloutRequest) => api.put<Rollout>(CONSOLE_API_BASE + consoleRolloutSubpath(version), body),
};
