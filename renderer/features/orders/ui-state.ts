import { create } from 'zustand';
import { DEFAULT_FILTER, type QueueFilter } from './queue.js';

/**
 * Ephemeral state of the queue screen: what the operator is looking at, never the orders themselves
 * (those are read live from RxDB).
 */
interface QueueUiState {
  filter: QueueFilter;
  /** The highlighted row, by id so it survives the list changing under it. */
  selectedId: string | null;
  /** The order whose detail is open. */
  openId: string | null;
  setFilter: (patch: Partial<QueueFilter>) => void;
  select: (id: string | null) => void;
  open: (id: string) => void;
  close: () => void;
}

export const useQueueUi = create<QueueUiState>()((set) => ({
  filter: DEFAULT_FILTER,
  selectedId: null,
  openId: null,
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  select: (id) => set({ selectedId: id }),
  open: (id) => set({ openId: id, selectedId: id }),
  close: () => set({ openId: null }),
}));
