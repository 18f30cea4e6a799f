export * from './clock.js';
export * from './database.js';
export * from './failures.js';
export * from './metrics.js';
