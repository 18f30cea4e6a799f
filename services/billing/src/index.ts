export { type RunningBilling, type StartBillingOptions, startBilling } from './app.js';
export {
  type BillingConfig,
  type BillingProcessConfig,
  billingEnvironmentSchema,
  defaultBillingConfig,
  loadBillingConfig,
} from './config.js';
export { type BillingDatabase, type BillingTables, billingMigrations } from './database.js';
export { billingErrorCodes } from './errors.js';
