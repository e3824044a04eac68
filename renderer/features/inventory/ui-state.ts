import { create } from 'zustand';

/** Ephemeral state of the inventory screen: the search, the highlighted product, the open adjustment. */
interface InventoryUiState {
  search: string;
  selectedSku: string | null;
  adjustSku: string | null;
  setSearch: (search: string) => void;
  select: (sku: string | null) => void;
  openAdjust: (sku: string) => void;
  closeAdjust: () => void;
}

export const useInventoryUi = create<InventoryUiState>()((set) => ({
  search: '',
  selectedSku: null,
  adjustSku: null,
  setSearch: (search) => set({ search }),
  select: (sku) => set({ selectedSku: sku }),
  openAdjust: (sku) => set({ adjustSku: sku, selectedSku: sku }),
  closeAdjust: () => set({ adjustSku: null }),
}));
