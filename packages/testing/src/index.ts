export * from './bus.js';
export * from './clock.js';
export * from './database.js';
export * from './failures.js';
export * from './identity.js';
export * from './ledger.js';
export * from './metrics.js';
export * from './users.js';
