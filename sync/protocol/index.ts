export * from './errors.js';
export * from './sync.js';
export * from './platform.js';
export * from './pins.js';
export * from './history.js';
