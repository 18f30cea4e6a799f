import type { Transfer } from './api/types';
import { personLabel } from './transactions';

/** Someone the person sent money to: how they are named, and the handle that reaches them. */
export interface RecentRecipient {
  label: string;
  handle: string;
}

/** Most recipients offered on the send and pay screens. */
export const maxRecentRecipients = 5;

/**
 * The people the person paid most recently, newest first, each once: from their outgoing
 * transfers and payments (newest first, as history answers), by the payee's handle. A payee
 * without a handle (a deleted user, or one not named yet) is left out.
 */
export function recentRecipientsOf(outgoing: readonly Transfer[]): RecentRecipient[] {
  const recipients = new Map<string, RecentRecipient>();
  for (const transfer of outgoing) {
    if (transfer.type !== 'transfer' && transfer.type !== 'payment') continue;
    const handle = transfer.to_handle;
    if (handle === null || handle === undefined || recipients.has(handle)) continue;
    recipients.set(handle, { label: personLabel(transfer.to_name, handle) ?? `@${handle}`, handle });
    if (recipients.size === maxRecentRecipients) break;
  }
  return [...recipients.values()];
}
