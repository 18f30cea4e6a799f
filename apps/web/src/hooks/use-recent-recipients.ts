import { listTransactions } from '../api/ledger';
import { type RecentRecipient, recentRecipientsOf } from '../recipients';
import { useClient } from '../session';
import { useResource } from './use-resource';

/** The people the signed-in person paid most recently; empty while loading or when it fails. */
export function useRecentRecipients(): readonly RecentRecipient[] {
  const client = useClient();
  const recent = useResource('recent-recipients', (signal) =>
    listTransactions(client, { direction: 'out', limit: 50 }, signal).then((page) =>
      recentRecipientsOf(page.data),
    ),
  );
  return recent.state.status === 'ready' ? recent.state.data : [];
}
