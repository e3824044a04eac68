import { describe, expect, it } from 'vitest';
import { product } from '../../testing/db.js';
import { EMPTY_COUNT } from './count-draft.js';
import { EMPTY_RECEIVE, receiveScan } from './receive-draft.js';
import { useInventoryUi } from './ui-state.js';

const ui = () => useInventoryUi.getState();

describe('the inventory screen\'s drafts', () => {
  it('stay with their operator across screens, and are dropped when someone else signs in', () => {
    ui().claimFor('pick-1');
    const step = receiveScan(EMPTY_RECEIVE, '6901234567890', [product('SKU-1', 'Milk', ['6901234567890'])]);
    ui().setReceive(step.draft, step.feedback);
    ui().setMode('receive');
    ui().claimFor('pick-1');
    expect(ui()).toMatchObject({ mode: 'receive', receive: { lines: [{ sku: 'SKU-1', qty: 1 }] } });

    ui().claimFor('pick-2');
    expect(ui()).toMatchObject({ owner: 'pick-2', mode: 'stock', receive: EMPTY_RECEIVE, receiveFeedback: null, count: EMPTY_COUNT, countFeedback: null });
  });
});
