import { identityRequests, type User } from '@moneypal/contracts';
import { AppError, type Bus, type CloudEvent, createEvent, serve } from '@moneypal/kit';

/** What `identity.user.get` is asked: a user id, an email address or a user name. */
export type UserLookup = { id: string } | { email: string } | { user_name: string };

/**
 * Answers `identity.user.get` on `bus` from `users`, as identity answers it (emails and
 * user names match whatever their case). `beforeAnswer` runs first on every request: a
 * test holds answers back or makes identity fail there.
 */
export async function answerUserLookups(
  bus: Bus,
  users: ReadonlyMap<string, User>,
  beforeAnswer?: (lookup: UserLookup) => void | Promise<void>,
): Promise<void> {
  await serve(bus, identityRequests.getUser, async (lookup) => {
    await beforeAnswer?.(lookup);
    const found = [...users.values()].find((user) =>
      'id' in lookup
        ? user.id === lookup.id
        : 'email' in lookup
          ? user.email.toLowerCase() === lookup.email.toLowerCase()
          : user.user_name.toLowerCase() === lookup.user_name.toLowerCase(),
    );
    if (!found) throw new AppError('user_not_found', 'no such user');
    return found;
  });
}

/** Publishes an identity event on identity's end of the bus, as identity's outbox relay would. */
export async function publishIdentityEvent(
  identity: Bus,
  event: { type: string; subject: string; data: unknown; time?: Date; id?: string },
): Promise<CloudEvent> {
  const created = createEvent({
    source: 'identity',
    type: event.type,
    subject: event.subject,
    data: event.data,
    ...(event.time ? { time: event.time } : {}),
  });
  const sent = event.id === undefined ? created : { ...created, id: event.id };
  await identity.publish(sent);
  return sent;
}
