import { pingDatabase } from '@moneypal/kit';
import type { PaymentsDatabase } from '../database.js';
import { paymentsError } from '../errors.js';

export class HealthService {
  constructor(private readonly db: PaymentsDatabase) {}

  async check(): Promise<{ status: 'ok'; service: 'payments' }> {
    if (!(await pingDatabase(this.db))) {
      throw paymentsError('unavailable', 'the payments database does not answer');
    }
    return { status: 'ok', service: 'payments' };
  }
}
