// `npm run bench`: prints figures and ratios measured in one run. Nothing here is asserted; tests never time.
import { benchSync } from './sync.js';
import { benchWrites } from './writes.js';
import { benchStreams } from './streams.js';
import { benchBatch } from './batch.js';
import { benchLabels } from './labels.js';
import { benchQueue } from './queue.js';
import { benchWindow } from './window.js';
import { benchInventory } from './inventory.js';
import { benchLocker } from './locker.js';
import { benchPickup } from './pickup.js';
import { benchKiosk } from './kiosk.js';
import { benchWebhooks } from './webhooks.js';

const only = process.argv[2];
if (!only || only === 'writes') await benchWrites();
if (!only || only === 'sync') await benchSync();
if (!only || only === 'streams') await benchStreams();
if (!only || only === 'batch') await benchBatch();
if (!only || only === 'labels') await benchLabels();
if (!only || only === 'queue') await benchQueue();
if (!only || only === 'window') await benchWindow();
if (!only || only === 'inventory') await benchInventory();
if (!only || only === 'locker') await benchLocker();
if (!only || only === 'pickup') await benchPickup();
if (!only || only === 'kiosk') await benchKiosk();
if (!only || only === 'webhooks') await benchWebhooks();
process.exit(0);
