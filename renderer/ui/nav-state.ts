import { create } from 'zustand';

export const SCREENS = ['orders', 'picking', 'packing', 'counter', 'couriers', 'lockers', 'inventory', 'activity', 'settings', 'dayclose'] as const;
export type Screen = (typeof SCREENS)[number];

/** The function key of each screen, shown on its tab. */
export const SCREEN_KEYS: Record<Screen, string> = { orders: 'F1', inventory: 'F2', activity: 'F3', settings: 'F4', picking: 'F5', packing: 'F6', counter: 'F7', couriers: 'F8', lockers: 'F9', dayclose: 'F10' };

export function screenForKey(key: string): Screen | null {
  return SCREENS.find((s) => SCREEN_KEYS[s] === key) ?? null;
}

/** Which work screen is open: ephemeral, back to the orders on every sign-in. */
export const useNav = create<{ screen: Screen; go: (screen: Screen) => void }>()((set) => ({
  screen: 'orders',
  go: (screen) => set({ screen }),
}));
