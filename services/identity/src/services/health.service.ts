import { pingDatabase } from '@moneypal/kit';
import type { IdentityDatabase } from '../database.js';
import { identityError } from '../errors.js';

export class HealthService {
  constructor(private readonly db: IdentityDatabase) {}

  async check(): Promise<{ status: 'ok'; service: 'identity' }> {
    if (!(await pingDatabase(this.db))) {
      throw identityError('unavailable', 'the identity database does not answer');
    }
    return { status: 'ok', service: 'identity' };
  }
}
