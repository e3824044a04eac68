import { describe, expect, it } from 'vitest';
import { ScanRoutes } from './scan-router.js';
import { screenForKey } from './nav-state.js';

describe('scan routing', () => {
  it('offers a scan to an open dialog, then to app-wide codes (a badge), then to the newest screen', () => {
    const routes = new ScanRoutes();
    const got: string[] = [];
    routes.add('screen', { current: (c) => void got.push(`queue:${c}`) });
    const detail = routes.add('screen', { current: (c) => void got.push(`detail:${c}`) });
    routes.add('global', { current: (c) => (c.startsWith('BADGE') ? void got.push(`badge:${c}`) : false) });

    expect(routes.route('BADGE-1')).toBe(true);
    expect(routes.route('EO-1')).toBe(true);
    detail();
    expect(routes.route('EO-2')).toBe(true);
    const modal = routes.add('modal', { current: (c) => void got.push(`approval:${c}`) });
    expect(routes.route('BADGE-2')).toBe(true);
    modal();
    expect(got).toEqual(['badge:BADGE-1', 'detail:EO-1', 'queue:EO-2', 'approval:BADGE-2']);
  });

  it('offers a scan typed into a free-text field to app-wide codes only', () => {
    const routes = new ScanRoutes();
    const got: string[] = [];
    routes.add('screen', { current: (c) => void got.push(`screen:${c}`) });
    routes.add('global', { current: (c) => (c === 'BADGE-1' ? void got.push(`badge:${c}`) : false) });
    expect(routes.route('some text', ['global'])).toBe(false);
    expect(routes.route('BADGE-1', ['global'])).toBe(true);
    expect(got).toEqual(['badge:BADGE-1']);
  });

  it('leaves the keys alone when nobody takes the scan', () => {
    const routes = new ScanRoutes();
    routes.add('global', { current: () => false });
    expect(routes.route('1234')).toBe(false);
  });
});

describe('screen keys', () => {
  it('maps F1–F10 to orders, inventory, activity, settings, picking, packing, counter, couriers, lockers, day close', () => {
    expect(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'a'].map(screenForKey)).toEqual(['orders', 'inventory', 'activity', 'settings', 'picking', 'packing', 'counter', 'couriers', 'lockers', 'dayclose', null, null]);
  });
});
