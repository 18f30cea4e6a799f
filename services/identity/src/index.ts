export { type RunningIdentity, type StartIdentityOptions, startIdentity } from './app.js';
export {
  type AdminCredentials,
  checkEd25519PrivateKey,
  type IdentityConfig,
  type IdentityProcessConfig,
  identityEnvironmentSchema,
  loadIdentityConfig,
} from './config.js';
export { type IdentityDatabase, type IdentityTables, identityMigrations } from './database.js';
export { owaspArgon2idCost, type PasswordHashCost } from './domain/password.js';
export { identityErrorCodes } from './errors.js';
