export { type RunningLedger, type StartLedgerOptions, startLedger, verifyLedger } from './app.js';
export {
  defaultLedgerConfig,
  type LedgerConfig,
  type LedgerProcessConfig,
  ledgerEnvironmentSchema,
  loadLedgerConfig,
} from './config.js';
export { type LedgerDatabase, type LedgerTables, ledgerMigrations } from './database.js';
export { ledgerErrorCodes } from './errors.js';
export type { InvariantCheck, LedgerVerdict } from './services/verify.service.js';
