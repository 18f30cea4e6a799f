import { pingDatabase } from '@moneypal/kit';
import type { LedgerDatabase } from '../database.js';
import { ledgerError } from '../errors.js';

export class HealthService {
  constructor(private readonly db: LedgerDatabase) {}

  async check(): Promise<{ status: 'ok'; service: 'ledger' }> {
    if (!(await pingDatabase(this.db))) {
      throw ledgerError('unavailable', 'the ledger database does not answer');
    }
    return { status: 'ok', service: 'ledger' };
  }
}
