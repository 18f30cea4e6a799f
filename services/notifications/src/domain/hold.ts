import type { HoldStatus } from '@moneypal/contracts';
import type { HoldNotice } from './templates.js';

/** The message of a hold's event, by the hold's status after it. */
export function holdTemplateOf(status: HoldStatus): HoldNotice['template'] {
  switch (status) {
    case 'held':
      return 'hold_created';
    case 'captured':
      return 'hold_captured';
    case 'voided':
      return 'hold_voided';
    case 'expired':
      return 'hold_expired';
  }
}
