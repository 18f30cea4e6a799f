export * from './billing.js';
export * from './common.js';
export * from './currencies.js';
export * from './define.js';
export * from './identity.js';
export * from './ledger.js';
export * from './notifications.js';
export * from './payments.js';
