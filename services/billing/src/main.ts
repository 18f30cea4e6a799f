import { runServiceProcess } from '@moneypal/kit';
import { startBilling } from './app.js';
import { loadBillingConfig } from './config.js';
import type { BillingTables } from './database.js';

/** The distributed runtime's billing process: `node services/billing/dist/main.js`. */
runServiceProcess<ReturnType<typeof loadBillingConfig>, BillingTables>({
  service: 'billing',
  loadConfig: loadBillingConfig,
  start: (parts) => startBilling(parts),
});
