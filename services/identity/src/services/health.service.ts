import { pingDatabase } from '@moneypal/kit';
import type { Kysely } from 'kysely';
import type { IdentityDatabase } from '../database.js';
import { identityError } from '../errors.js';

export class HealthService {
  constructor(private readonly db: IdentityDatabase) {}

  async check(): Promise<{ status: 'ok'; service: 'identity' }> {
    if (!(await pingDatabase(this.db as unknown as Kysely<unknown>))) {
      throw identityError('unavailable', 'the identity database does not answer');
    }
    return { status: 'ok', service: 'identity' };
  }
}
