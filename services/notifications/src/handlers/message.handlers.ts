import { notificationsRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { MessageLogService } from '../services/message-log.service.js';

export async function serveMessageRequests(bus: Bus, log: MessageLogService): Promise<void> {
  await serve(bus, notificationsRequests.listMessages, ({ actor, ...query }) =>
    log.listMessages(actor, query),
  );
  await serve(bus, notificationsRequests.countUnread, ({ actor }) => log.countUnread(actor));
  await serve(bus, notificationsRequests.markRead, ({ actor, id }) => log.markRead(actor, id));
  await serve(bus, notificationsRequests.markAllRead, ({ actor }) => log.markAllRead(actor));
}
