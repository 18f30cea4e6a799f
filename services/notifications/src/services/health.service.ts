import { pingDatabase } from '@moneypal/kit';
import type { NotificationsDatabase } from '../database.js';
import { notificationsError } from '../errors.js';

export class HealthService {
  constructor(private readonly db: NotificationsDatabase) {}

  async check(): Promise<{ status: 'ok'; service: 'notifications' }> {
    if (!(await pingDatabase(this.db))) {
      throw notificationsError('unavailable', 'the notifications database does not answer');
    }
    return { status: 'ok', service: 'notifications' };
  }
}
