import { create } from 'zustand';
import type { TerminalDb } from '../../db/index.js';
import type { Product } from '../../../sync/model/index.js';
import type { Actor } from '../approval/authorize.js';
import { openAdjustment, type AdjustGrant, type AskApproval, type OpenAdjustResult } from './open-adjust.js';
import { EMPTY_RECEIVE, type ReceiveDraft } from './receive-draft.js';
import { EMPTY_COUNT, type CountDraft } from './count-draft.js';
import type { StockFeedback } from './stock-scan.js';

/** The screen's modes: the stock list (search), receiving by scan, counting shelves, the low-stock list. */
export const INVENTORY_MODES = ['stock', 'receive', 'count', 'low'] as const;
export type InventoryMode = (typeof INVENTORY_MODES)[number];

const MODE_KEYS: Record<string, InventoryMode> = { s: 'stock', r: 'receive', c: 'count', l: 'low' };

/** The mode a single-letter shortcut opens (S, R, C, L, any case), or null. */
export function modeForKey(key: string): InventoryMode | null {
  return MODE_KEYS[key.toLowerCase()] ?? null;
}

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
  mode: InventoryMode;
  /** Whose drafts these are: another operator signing in on this terminal starts clean. */
  owner: string | null;
  /** A delivery scanned but not yet recorded: it survives leaving the mode, not a reload. */
  receive: ReceiveDraft;
  receiveFeedback: StockFeedback | null;
  count: CountDraft;
  countFeedback: StockFeedback | null;
  setMode: (mode: InventoryMode) => void;
  /** Drops the drafts and the mode if they belong to someone other than this operator. */
  claimFor: (operatorId: string) => void;
  setReceive: (draft: ReceiveDraft, feedback: StockFeedback | null) => void;
  setCount: (draft: CountDraft, feedback: StockFeedback | null) => void;
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
  mode: 'stock',
  owner: null,
  receive: EMPTY_RECEIVE,
  receiveFeedback: null,
  count: EMPTY_COUNT,
  countFeedback: null,
  setMode: (mode) => set({ mode }),
  claimFor: (operatorId) => {
    if (get().owner === operatorId) return;
    set({ owner: operatorId, mode: 'stock', receive: EMPTY_RECEIVE, receiveFeedback: null, count: EMPTY_COUNT, countFeedback: null });
  },
  setReceive: (receive, receiveFeedback) => set({ receive, receiveFeedback }),
  setCount: (count, countFeedback) => set({ count, countFeedback }),
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
