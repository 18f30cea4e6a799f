import { runServiceProcess } from '@moneypal/kit';
import { startPayments } from './app.js';
import { loadPaymentsConfig } from './config.js';
import type { PaymentsTables } from './database.js';

/** The distributed runtime's payments process: `node services/payments/dist/main.js`. */
runServiceProcess<ReturnType<typeof loadPaymentsConfig>, PaymentsTables>({
  service: 'payments',
  loadConfig: loadPaymentsConfig,
  start: (parts) => startPayments(parts),
});
