import { type Actor, notificationsRequests } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, type NotificationsHarness, startHarness } from './notifications-harness.js';

let harness: NotificationsHarness;

beforeAll(async () => {
  harness = await startHarness({ emailMode: 'capture' });
});

afterAll(async () => {
  await harness.close();
});

const dispatch = () => harness.notifications.dispatchNow();
const actorOf = (user: { id: string }): Actor => ({ user_id: user.id, role: 'user' });
const countUnread = (actor: Actor) => call(harness.client, notificationsRequests.countUnread, { actor });
const markRead = (actor: Actor, id: string) =>
  call(harness.client, notificationsRequests.markRead, { actor, id });
const markAllRead = (actor: Actor) => call(harness.client, notificationsRequests.markAllRead, { actor });

/** A user with a welcome and a payment received: two unread messages. */
async function userWithTwoMessages() {
  const user = harness.addUser();
  const payer = harness.addUser();
  await harness.userCreated(user);
  await harness.transferPosted({ type: 'transfer', amount: 725, currency: 'USD', from: payer, to: user });
  await dispatch();
  return { user, payer };
}

describe(`the inbox on ${testDatabaseLabel}`, () => {
  it('lists each message with its text, unread, and counts the unread ones', async () => {
    const { user, payer } = await userWithTwoMessages();
    const page = await harness.listMessages(actorOf(user));
    expect(page.data.map((message) => message.template)).toEqual(['payment_received', 'registration']);
    expect(page.data[0]).toMatchObject({
      subject: `You received USD 7.25 from ${payer.user_name}`,
      body: expect.stringContaining('USD 7.25'),
      read_at: null,
    });
    expect(await countUnread(actorOf(user))).toEqual({ count: 2 });
    // The payer's own "payment sent" is theirs alone.
    expect(await countUnread(actorOf(payer))).toEqual({ count: 1 });
  });

  it('marks one message read, keeps the first read time when read again, and counts one fewer', async () => {
    const { user } = await userWithTwoMessages();
    const actor = actorOf(user);
    const [received] = (await harness.listMessages(actor)).data;
    const read = await markRead(actor, received!.id);
    expect(read).toMatchObject({ id: received!.id, read_at: harness.clock.now().toISOString() });
    expect(read.body).toBe(received!.body);
    expect(await countUnread(actor)).toEqual({ count: 1 });

    const firstReadAt = read.read_at;
    harness.clock.advance(60_000);
    expect((await markRead(actor, received!.id)).read_at).toBe(firstReadAt);
    expect(await countUnread(actor)).toEqual({ count: 1 });

    expect((await harness.listMessages(actor, { unread: true })).data.map((item) => item.template)).toEqual([
      'registration',
    ]);
    expect((await harness.listMessages(actor, { unread: false })).data.map((item) => item.id)).toEqual([
      received!.id,
    ]);
  });

  it('marks all of a user’s messages read at once, and only theirs', async () => {
    const { user, payer } = await userWithTwoMessages();
    expect(await markAllRead(actorOf(user))).toEqual({ marked_read: 2 });
    expect(await countUnread(actorOf(user))).toEqual({ count: 0 });
    expect((await harness.listMessages(actorOf(user), { unread: true })).data).toEqual([]);
    // Again: nothing left to mark, nothing changes.
    expect(await markAllRead(actorOf(user))).toEqual({ marked_read: 0 });
    expect(await countUnread(actorOf(payer))).toEqual({ count: 1 });
  });

  it('answers not_found for another user’s message, an admin’s request too, and changes nothing', async () => {
    const { user, payer } = await userWithTwoMessages();
    const [message] = (await harness.listMessages(actorOf(user))).data;
    for (const actor of [actorOf(payer), harness.admin]) {
      expect(await failureOf(markRead(actor, message!.id))).toMatchObject({ code: 'not_found' });
    }
    expect(await failureOf(markRead(actorOf(user), crypto.randomUUID()))).toMatchObject({
      code: 'not_found',
    });
    expect(await countUnread(actorOf(user))).toEqual({ count: 2 });
    // The admin's own count and "all read" are the admin's own messages only.
    await markAllRead(harness.admin);
    expect(await countUnread(actorOf(user))).toEqual({ count: 2 });
  });

  it('never counts a one-time code as unread, and never shows its text', async () => {
    const user = harness.addUser();
    await harness.otpRequested(user, { channel: 'sms', code: '975310' });
    expect(await countUnread(actorOf(user))).toEqual({ count: 0 });
    const [code] = (await harness.listMessages(actorOf(user))).data;
    expect(code).toMatchObject({ template: 'one_time_code', body: '' });
    expect(code!.read_at).not.toBeNull();
    expect(JSON.stringify(await harness.listMessages(harness.admin))).not.toContain('975310');
  });

  it('refuses bad input: a malformed id, unknown fields, a bad unread filter, or a service as reader', async () => {
    const actor = actorOf(harness.addUser());
    const bad = [
      markRead(actor, 'not-a-uuid'),
      call(harness.client, notificationsRequests.markRead, {
        actor,
        id: crypto.randomUUID(),
        extra: 1,
      } as never),
      call(harness.client, notificationsRequests.countUnread, {
        actor,
        user_id: crypto.randomUUID(),
      } as never),
      call(harness.client, notificationsRequests.markAllRead, {} as never),
      harness.listMessages(actor, { unread: 'yes' }),
      countUnread({ service: 'billing' }),
      markAllRead({ service: 'billing' }),
    ];
    for (const request of bad) expect((await failureOf(request)).code).toBe('validation_failed');
  });
});
