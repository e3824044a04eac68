import { create } from 'zustand';
import type { Batch } from '../../../sync/model/index.js';
import type { PickSummary } from './record.js';
import type { WithdrawReason } from './source.js';
import type { SavedWalk } from './walk-store.js';

/** Where the pick screen is. The walk itself lives in `walk` (mirrored to the local document after every change). */
export type PickStage =
  | { kind: 'loading' }
  | { kind: 'overview' }
  | { kind: 'preview'; batchId: string; batch: Batch; builtAt: string }
  | { kind: 'walk' }
  | { kind: 'finishing'; error: string | null }
  | { kind: 'summary'; summary: PickSummary };

/** A line under the header; `kind` is its text key under `picking`, `params` its values. */
export interface ScreenNote {
  kind: 'stale' | 'startFailed' | 'printed' | 'printSaved' | 'printFailed' | 'printUnavailable' | 'saveFailed' | 'noBatch';
  params: Record<string, string | number>;
  ok: boolean;
}

/** Ephemeral UI state of the pick screen: the stage, typing, the reason prompt, notes. Never synced data. */
interface PickUiState {
  stage: PickStage;
  walk: SavedWalk | null;
  /** Digits typed: a quantity on the walk, a tote number on the put-wall. */
  draft: string;
  reasonPrompt: boolean;
  /** The keyed entry field (K) is open. */
  keyed: boolean;
  busy: boolean;
  withdrawn: { orderId: string; reason: WithdrawReason }[];
  note: ScreenNote | null;
  /** Counts feedback changes, so the same refusal twice still flashes and beeps twice. */
  feedbackSeq: number;
  /** Feedback of the put-wall's "scan item" step outlives the tote scan; the screen keeps the last tote named. */
  target: { tote: number; orderId: string } | null;
}

export const usePickUi = create<PickUiState>()(() => ({
  stage: { kind: 'loading' },
  walk: null,
  draft: '',
  reasonPrompt: false,
  keyed: false,
  busy: false,
  withdrawn: [],
  note: null,
  feedbackSeq: 0,
  target: null,
}));

export function resetPickUi(): void {
  usePickUi.setState({ stage: { kind: 'loading' }, walk: null, draft: '', reasonPrompt: false, keyed: false, busy: false, withdrawn: [], note: null, target: null });
}

