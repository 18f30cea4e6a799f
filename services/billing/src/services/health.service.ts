import { pingDatabase } from '@moneypal/kit';
import type { BillingDatabase } from '../database.js';
import { billingError } from '../errors.js';

export class HealthService {
  constructor(private readonly db: BillingDatabase) {}

  async check(): Promise<{ status: 'ok'; service: 'billing' }> {
    if (!(await pingDatabase(this.db))) {
      throw billingError('unavailable', 'the billing database does not answer');
    }
    return { status: 'ok', service: 'billing' };
  }
}
