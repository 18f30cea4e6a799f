export * from './define.js';
export * from './common.js';
export * from './identity.js';
