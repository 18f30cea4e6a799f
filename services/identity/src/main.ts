import { runServiceProcess } from '@moneypal/kit';
import { startIdentity } from './app.js';
import { loadIdentityConfig } from './config.js';
import type { IdentityTables } from './database.js';

/** The distributed runtime's identity process: `node services/identity/dist/main.js`. */
runServiceProcess<ReturnType<typeof loadIdentityConfig>, IdentityTables>({
  service: 'identity',
  loadConfig: loadIdentityConfig,
  start: (parts) => startIdentity(parts),
});
