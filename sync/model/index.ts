export * from './json-schema.js';
export * from './common.js';
export * from './product.js';
export * from './order.js';
export * from './order-event.js';
export * from './status.js';
export * from './deadline.js';
export * from './collections.js';
