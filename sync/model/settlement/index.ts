export * from './types.js';
export * from './promotions.js';
export * from './statement.js';
export * from './lifecycle.js';
