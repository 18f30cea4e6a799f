import { type CloudEvent, type ContractEvent, createContractEvent } from '@moneypal/kit';
import type { z } from 'zod';

/** A notifications event, its data checked against its contract; the dispatcher writes it with its outcome. */
export function notificationsEvent<Schema extends z.ZodType>(event: ContractEvent<Schema>): CloudEvent {
  return createContractEvent('notifications', event);
}
