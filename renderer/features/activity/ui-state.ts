import { create } from 'zustand';
import { NO_ACTIVITY_FILTER, type ActivityFilter } from './activity.js';

/** The activity view's filters; the entries themselves are read live from RxDB. */
export const useActivityUi = create<{ filter: ActivityFilter; setFilter: (patch: Partial<ActivityFilter>) => void }>()((set) => ({
  filter: NO_ACTIVITY_FILTER,
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
}));
