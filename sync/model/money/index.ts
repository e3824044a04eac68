/** Money: fen and yuan at the edges, providers' bills, the day close, and the matching of orders against bills. */
export * from './yuan.js';
export * from './bill.js';
export * from './closed-day.js';
export * from './matching.js';
export * from './till.js';
export * from './day-close.js';
export * from './day-lists.js';
