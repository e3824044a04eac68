import { create } from 'zustand';
import type { TerminalDb } from '../../db/index.js';
import type { Product } from '../../../sync/model/index.js';
import type { Actor } from '../approval/authorize.js';
import { openAdjustment, type AdjustGrant, type AskApproval, type OpenAdjustResult } from './open-adjust.js';

/**
 * Ephemeral state of the inventory screen: the search, the highlighted product, the adjustment being asked for
 * (while a manager approves) and the open one. The adjustment opens only through `requestAdjust`.
 */
interface InventoryUiState {
  search: string;
  selectedSku: string | null;
  /** The SKU whose adjustment waits on the permission check or a manager's approval. */
  pendingSku: string | null;
  /** The open adjustment, with who may record it. */
  adjust: AdjustGrant | null;
  setSearch: (search: string) => void;
  select: (sku: string | null) => void;
  requestAdjust: (db: TerminalDb, actor: Actor, product: Pick<Product, 'sku' | 'name'>, ask: AskApproval, summary: string) => Promise<OpenAdjustResult>;
  closeAdjust: () => void;
  /** Drops a request still waiting (the screen went away); an open adjustment stays for its operator's return. */
  dropPending: () => void;
}

/** Which request is the live one: a cancelled earlier request for the same SKU must not clear a later one. */
let requests = 0;

export const useInventoryUi = create<InventoryUiState>()((set, get) => ({
  search: '',
  selectedSku: null,
  pendingSku: null,
  adjust: null,
  setSearch: (search) => set({ search }),
  select: (sku) => set({ selectedSku: sku }),
  requestAdjust: async (db, actor, product, ask, summary) => {
    const id = ++requests;
    set({ pendingSku: product.sku, selectedSku: product.sku, adjust: null });
    const live = () => id === requests && get().pendingSku === product.sku;
    try {
      const result = await openAdjustment(db, actor, product, ask, summary);
      // A close or another request while this one waited (an idle lock, a badge switch) wins over its answer.
      if (!live()) return { ok: false, code: 'NOT_APPROVED', message: 'the request was superseded' };
      set({ pendingSku: null, adjust: result.ok ? result.grant : null });
      return result;
    } catch (err) {
      if (live()) set({ pendingSku: null });
      throw err;
    }
  },
  closeAdjust: () => {
    requests++;
    set({ adjust: null, pendingSku: null });
  },
  dropPending: () => {
    requests++;
    set({ pendingSku: null });
  },
}));
