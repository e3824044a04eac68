import { describe, expect, it } from 'vitest';
import { nextEventTypes, ORDER_EVENT_TYPES, ORDER_STATUSES } from '../../../sync/model/index.js';
import { ACTION_KEYS, actionForKey } from './shortcuts.js';

describe('action shortcuts', () => {
  it('gives every event type its own single letter, none clashing with the queue keys', () => {
    const keys = ORDER_EVENT_TYPES.map((t) => ACTION_KEYS[t]);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z]$/);
  });
  it('maps A, P, R along the common path and only to legal actions', () => {
    expect(actionForKey('A', nextEventTypes('new', 'delivery'))).toBe('accepted');
    expect(actionForKey('p', nextEventTypes('accepted', 'delivery'))).toBe('picking_started');
    expect(actionForKey('r', nextEventTypes('picking', 'pickup'))).toBe('ready');
    expect(actionForKey('r', nextEventTypes('new', 'delivery'))).toBeNull();
    for (const status of ORDER_STATUSES) expect(actionForKey('u', nextEventTypes(status, 'delivery'))).toBeNull();
  });
});
