export * from './common.js';
export * from './define.js';
export * from './identity.js';
export * from './ledger.js';
