import { healthContract, messageEventData, notificationsEvents, type User } from '@moneypal/contracts';
import { call, createLogger, MemoryBroker } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNotifications } from '../src/index.js';
import { failureOf, type NotificationsHarness, outboxEvents, startHarness } from './notifications-harness.js';

let harness: NotificationsHarness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

const dispatch = () => harness.notifications.dispatchNow();

describe(`emails for other services' events, over SMTP, on ${testDatabaseLabel}`, () => {
  it('welcomes a registered user, logs the email as sent and publishes notifications.message.sent', async () => {
    const user = harness.addUser({ first_name: 'Grace' });
    const event = await harness.userCreated(user);
    await dispatch();

    const [email, ...others] = harness.sink.receivedBy(user.email);
    expect(others).toHaveLength(0);
    expect(email!.subject).toBe('Welcome to MoneyPal, Grace');
    expect(email!.text).toContain('Hello Grace,');
    expect(email!.text).toContain(`Your MoneyPal account ${user.user_name} is ready.`);
    expect(email!.from).toBe('no-reply@moneypal.test');

    const [message] = await harness.messagesOf(event);
    expect(message).toMatchObject({
      user_id: user.id,
      channel: 'email',
      recipient: user.email,
      template: 'registration',
      status: 'sent',
      attempts: 1,
      provider_id: email!.messageId,
      error: null,
      next_attempt_at: null,
    });
    expect(message!.sent_at).toEqual(harness.clock.now());

    const sent = (await outboxEvents(harness.database.db, notificationsEvents.messageSent)).filter(
      (item) => item.subject === message!.id,
    );
    expect(sent).toHaveLength(1);
    expect(messageEventData.parse(sent[0]!.data).message).toMatchObject({
      id: message!.id,
      to: user.email,
      status: 'sent',
      provider_id: email!.messageId,
    });
    expect(JSON.stringify(sent[0])).not.toContain('is ready');
    const published = await harness.observer.next((item) => item.subject === message!.id);
    expect(published.type).toBe(notificationsEvents.messageSent);
  });

  it('tells the payer and the payee of a transfer between them, amounts in the currency’s units', async () => {
    const payer = harness.addUser({ first_name: 'Ada' });
    const payee = harness.addUser({ first_name: 'Bob' });
    const event = await harness.transferPosted({
      type: 'transfer',
      amount: 1250,
      currency: 'USD',
      from: payer,
      to: payee,
      description: 'Dinner',
    });
    await dispatch();

    const [sent] = harness.sink.receivedBy(payer.email);
    expect(sent!.subject).toBe(`You sent USD 12.50 to ${payee.user_name}`);
    expect(sent!.text).toContain('Description: Dinner');
    expect(sent!.text).toContain(`Reference: ${event.subject}`);
    const [received] = harness.sink.receivedBy(payee.email);
    expect(received!.subject).toBe(`You received USD 12.50 from ${payer.user_name}`);
    expect(received!.text).toContain('Hello Bob,');
    const messages = await harness.messagesOf(event);
    expect(messages.map((message) => [message.template, message.user_id, message.status]).sort()).toEqual([
      ['payment_received', payee.id, 'sent'],
      ['payment_sent', payer.id, 'sent'],
    ]);
  });

  it('names the other party as the ledger named them, display name and handle', async () => {
    const payer = harness.addUser({ first_name: 'Ada' });
    const payee = harness.addUser({ first_name: 'Bob' });
    await harness.transferPosted({
      type: 'transfer',
      amount: 700,
      currency: 'USD',
      from: payer,
      to: payee,
      names: { from_name: 'Ada Lovelace', from_handle: 'ada', to_name: 'Deleted user', to_handle: null },
    });
    await dispatch();
    expect(harness.sink.receivedBy(payer.email)[0]!.subject).toBe('You sent USD 7.00 to Deleted user');
    expect(harness.sink.receivedBy(payee.email)[0]!.subject).toBe(
      'You received USD 7.00 from Ada Lovelace (@ada)',
    );
  });

  it('applies many transfers arriving together (in shared transactions): two emails each, none lost or doubled', async () => {
    const pairs = Array.from({ length: 30 }, () => ({ from: harness.addUser(), to: harness.addUser() }));
    const events = await Promise.all(
      pairs.map(({ from, to }, index) =>
        harness.transferPosted({ type: 'transfer', amount: 100 + index, currency: 'USD', from, to }),
      ),
    );
    await dispatch();
    for (const [index, { from, to }] of pairs.entries()) {
      const messages = await harness.messagesOf(events[index]!);
      expect(messages.map((message) => [message.template, message.status]).sort()).toEqual([
        ['payment_received', 'sent'],
        ['payment_sent', 'sent'],
      ]);
      expect(harness.sink.receivedBy(from.email).map((email) => email.subject)).toEqual([
        `You sent USD ${((100 + index) / 100).toFixed(2)} to ${to.user_name}`,
      ]);
      expect(harness.sink.receivedBy(to.email)).toHaveLength(1);
    }
  });

  it('writes a burst of transfers with the same few statements per batch however many it holds', async () => {
    const users = Array.from({ length: 20 }, () => harness.addUser());
    await Promise.all(users.map((user) => harness.userCreated(user)));
    // What a batch of posted transfers takes: the contacts read, and the inbox rows with the
    // messages in one statement.
    const intakeStatements = () => ({
      contacts: harness.statements.matching(/select .* from "contacts"/).length,
      inbox: harness.statements.matching(/insert into "?inbox"?/).length,
      messages: harness.statements.matching(/insert into messages/).length,
      together: harness.statements.matching(/insert into inbox[\s\S]*insert into messages/).length,
    });

    for (const size of [1, 150]) {
      const before = intakeStatements();
      // Published in one turn, as a relay publishes a group: they wait for notifications together.
      const events = await Promise.all(
        Array.from({ length: size }, (_, index) =>
          harness.transferPosted({
            type: 'transfer',
            amount: 100 + index,
            currency: 'USD',
            from: users[index % users.length]!,
            to: users[(index + 1) % users.length]!,
          }),
        ),
      );

      const messages = await harness.database.db
        .selectFrom('messages')
        .select(['source_event_id', 'template'])
        .where(
          'source_event_id',
          'in',
          events.map((event) => event.id),
        )
        .execute();
      expect(messages).toHaveLength(2 * size);
      // Batches of at most 100, each one statement of each kind (batches handled at once share
      // their contacts read).
      const batches = Math.ceil(size / 100);
      const after = intakeStatements();
      expect(after.inbox - before.inbox).toBe(batches);
      expect(after.messages - before.messages).toBe(batches);
      expect(after.together - before.together).toBe(batches);
      expect(after.contacts - before.contacts).toBeGreaterThanOrEqual(1);
      expect(after.contacts - before.contacts).toBeLessThanOrEqual(batches);
    }
    await dispatch();
  });

  it('words a payment to a provider as paid, in a currency with three decimals', async () => {
    const payer = harness.addUser();
    const provider = harness.addUser();
    await harness.transferPosted({
      type: 'payment',
      amount: 1005,
      currency: 'KWD',
      from: payer,
      to: provider,
    });
    await dispatch();
    expect(harness.sink.receivedBy(payer.email)[0]!.subject).toBe(
      `You paid KWD 1.005 to ${provider.user_name}`,
    );
    expect(harness.sink.receivedBy(provider.email)[0]!.subject).toBe(
      `You were paid KWD 1.005 by ${payer.user_name}`,
    );
  });

  it('sends nothing for deposits, withdrawals, savings moves or moves between one user’s wallets', async () => {
    const user = harness.addUser();
    const before = harness.sink.received.length;
    const events = [
      await harness.transferPosted({ type: 'deposit', amount: 500, currency: 'USD', from: null, to: user }),
      await harness.transferPosted({
        type: 'withdrawal',
        amount: 500,
        currency: 'USD',
        from: user,
        to: null,
      }),
      await harness.transferPosted({ type: 'savings', amount: 500, currency: 'USD', from: user, to: user }),
      await harness.transferPosted({ type: 'transfer', amount: 500, currency: 'USD', from: user, to: user }),
    ];
    await dispatch();
    for (const event of events) expect(await harness.messagesOf(event)).toEqual([]);
    expect(harness.sink.received.length).toBe(before);
  });

  it('sends the payer an invoice with its number, payee and amount', async () => {
    const payer = harness.addUser({ first_name: 'Ada' });
    const payee = harness.addUser();
    const event = await harness.invoiceIssued({
      payer,
      payee,
      amount: 99_900,
      currency: 'EUR',
      invoiceNo: 42,
    });
    await dispatch();
    const [email] = harness.sink.receivedBy(payer.email);
    expect(email!.subject).toBe(`Invoice 42 from ${payee.user_name}: EUR 999.00`);
    expect(email!.text).toContain(`${payee.user_name} issued invoice 42 to you for EUR 999.00.`);
    expect(email!.text).toContain('Description: Garden work');
    expect(harness.sink.receivedBy(payee.email)).toEqual([]);
    expect(await harness.messagesOf(event)).toMatchObject([{ template: 'invoice_issued', status: 'sent' }]);
  });

  it('tells the payer of a refund', async () => {
    const payer = harness.addUser();
    const provider = harness.addUser();
    const event = await harness.paymentRefunded({ payer, paidTo: provider, amount: 1_500, currency: 'JPY' });
    await dispatch();
    const [email] = harness.sink.receivedBy(payer.email);
    expect(email!.subject).toBe('Your payment of JPY 1,500 was refunded');
    expect(email!.text).toContain(`Your payment of JPY 1,500 to ${provider.user_name} was refunded.`);
    expect(email!.text).toContain(`Reference: ${event.subject}`);
    expect(await harness.messagesOf(event)).toMatchObject([{ template: 'refund', user_id: payer.id }]);
  });

  it('skips a user identity no longer knows, and still tells the other party', async () => {
    const payer = harness.addUser();
    const payee = harness.addUser();
    harness.users.delete(payee.id);
    const event = await harness.transferPosted({
      type: 'transfer',
      amount: 300,
      currency: 'USD',
      from: payer,
      to: payee,
    });
    await dispatch();
    expect(harness.sink.receivedBy(payer.email)[0]!.subject).toBe(
      'You sent USD 3.00 to another MoneyPal user',
    );
    expect(harness.sink.receivedBy(payee.email)).toEqual([]);
    expect(await harness.messagesOf(event)).toMatchObject([{ template: 'payment_sent', user_id: payer.id }]);
    const skipped = harness.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.message === 'message skipped: the user no longer exists');
    expect(skipped).toContainEqual(
      expect.objectContaining({ event_id: event.id, user_id: payee.id, template: 'payment_received' }),
    );

    // The payer's contact is known by now: identity's deletion event is what ends their messages.
    await harness.userDeleted(payer);
    const refund = await harness.paymentRefunded({ payer, paidTo: null, amount: 300, currency: 'USD' });
    expect(await harness.messagesOf(refund)).toEqual([]);
  });

  it('makes the messages of an event once identity answers again, none while it is down', async () => {
    const payer = harness.addUser();
    const payee = harness.addUser();
    const outage = harness.identityOutage();
    // The bus redelivers the event after its first backoff (1 s); `published` resolves once
    // a delivery was applied.
    const published = harness.transferPosted({
      type: 'transfer',
      amount: 4_200,
      currency: 'USD',
      from: payer,
      to: payee,
    });
    await outage.refused;
    const during = await harness.database.db
      .selectFrom('messages')
      .select('id')
      .where('user_id', 'in', [payer.id, payee.id])
      .execute();
    expect(during).toEqual([]);
    outage.end();
    const event = await published;
    await dispatch();
    expect(await harness.messagesOf(event)).toHaveLength(2);
    expect(harness.sink.receivedBy(payer.email)[0]!.subject).toBe(`You sent USD 42.00 to ${payee.user_name}`);
    expect(harness.sink.receivedBy(payee.email)).toHaveLength(1);
  });

  it('makes one message and one email of an event delivered twice', async () => {
    const user = harness.addUser();
    const event = await harness.userCreated(user);
    await dispatch();
    // The same event again past the broker's dedup (a relay that republished it after a
    // crash): a second replica on a second broker receives it, and only the inbox and the
    // messages' unique key stand between it and a second email.
    const broker = new MemoryBroker();
    const logger = createLogger({ service: 'notifications', level: 'silent' });
    const replicaBus = broker.connect('notifications', logger);
    const replica = await startNotifications({
      config: harness.config,
      db: harness.database.db,
      bus: replicaBus,
      logger,
      clock: () => harness.clock.now(),
    });
    const identity = broker.connect('identity', logger);
    try {
      await identity.publish(event);
      await replica.dispatchNow();
    } finally {
      await replica.stop();
      await identity.close();
      await replicaBus.close();
      broker.shutdown();
    }
    await harness.republish(event);
    await dispatch();
    expect(await harness.messagesOf(event)).toHaveLength(1);
    expect(harness.sink.receivedBy(user.email)).toHaveLength(1);
  });
});

describe(`the message log on ${testDatabaseLabel}`, () => {
  it('shows a user their own messages, newest first, and another user none of them', async () => {
    const ada = harness.addUser();
    const bob = harness.addUser();
    const welcome = await harness.userCreated(ada);
    const transfer = await harness.transferPosted({
      type: 'transfer',
      amount: 100,
      currency: 'USD',
      from: ada,
      to: bob,
    });
    await dispatch();
    const adaActor = { user_id: ada.id, role: 'user' } as const;
    const page = await harness.listMessages(adaActor);
    expect(page.data.map((message) => message.template)).toEqual(['payment_sent', 'registration']);
    expect(page.data.every((message) => message.user_id === ada.id)).toBe(true);
    expect(page.next_cursor).toBeNull();
    expect(page.data[1]).toMatchObject({ to: ada.email, channel: 'email', status: 'sent', attempts: 1 });
    expect(page.data[1]!.body).toContain(`Your MoneyPal account ${ada.user_name} is ready.`);
    expect(page.data[1]!.read_at).toBeNull();

    const bobPage = await harness.listMessages({ user_id: bob.id, role: 'user' });
    expect(bobPage.data.map((message) => message.template)).toEqual(['payment_received']);
    const stranger = await harness.listMessages({ user_id: harness.addUser().id, role: 'user' });
    expect(stranger).toEqual({ data: [], next_cursor: null });

    const everyone = await harness.listMessages(harness.admin);
    const ids = new Set(everyone.data.map((message) => message.id));
    for (const message of [...(await harness.messagesOf(welcome)), ...(await harness.messagesOf(transfer))]) {
      expect(ids.has(message.id)).toBe(true);
    }
  });

  it('filters by channel and status', async () => {
    const user = harness.addUser();
    harness.sink.refuse(user.email);
    await harness.userCreated(user);
    await harness.otpRequested(user, { channel: 'sms', code: '246810' });
    await dispatch();
    const actor = { user_id: user.id, role: 'user' } as const;
    expect((await harness.listMessages(actor, { channel: 'sms' })).data).toMatchObject([
      { template: 'one_time_code', channel: 'sms', status: 'sent', subject: null },
    ]);
    expect((await harness.listMessages(actor, { status: 'pending' })).data).toMatchObject([
      { template: 'registration', status: 'pending', attempts: 1, error: expect.stringContaining('550') },
    ]);
    expect((await harness.listMessages(actor, { channel: 'email', status: 'sent' })).data).toEqual([]);
    expect((await harness.listMessages(actor, { status: 'failed' })).data).toEqual([]);
  });

  it('pages newest first with an opaque cursor until the last page', async () => {
    const user = harness.addUser();
    for (let index = 0; index < 5; index++) await harness.userCreated(user);
    await dispatch();
    const actor = { user_id: user.id, role: 'user' } as const;
    const all = await harness.listMessages(actor);
    expect(all.data).toHaveLength(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const page: { data: { id: string }[]; next_cursor: string | null } = await harness.listMessages(actor, {
        limit: 2,
        ...(cursor === null ? {} : { cursor }),
      });
      sizes.push(page.data.length);
      seen.push(...page.data.map((message) => message.id));
      cursor = page.next_cursor;
    } while (cursor !== null);
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual(all.data.map((message) => message.id));
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('refuses a cursor it did not give, a bad limit, an unknown filter or a bad actor', async () => {
    const actor = { user_id: harness.addUser().id, role: 'user' } as const;
    for (const query of [
      { cursor: 'bm90LWEtdXVpZA' },
      { cursor: 'not a cursor!' },
      { limit: 0 },
      { limit: 101 },
      { limit: 1.5 },
      { limit: '10' },
      { status: 'bounced' },
      { channel: 'pigeon' },
      { template: 'registration' },
    ]) {
      expect((await failureOf(harness.listMessages(actor, query))).code).toBe('validation_failed');
    }
    for (const badActor of [
      { user_id: 'nobody', role: 'user' },
      { user_id: actor.user_id, role: 'root' },
      {},
    ]) {
      expect((await failureOf(harness.listMessages(badActor as never))).code).toBe('validation_failed');
    }
  });

  it('answers notifications.health while its database does', async () => {
    expect(await call(harness.client, healthContract('notifications'), {})).toEqual({
      status: 'ok',
      service: 'notifications',
    });
  });
});

/** How often identity was asked for these users so far. */
const lookupsOf = (...users: User[]) =>
  harness.identityLookups.filter((id) => users.some((user) => user.id === id)).length;

/** The user as identity has them `minutes` after the harness clock's start, changed as given. */
const changed = (user: User, minutes: number, changes: Partial<User>): User => ({
  ...user,
  ...changes,
  updated_at: new Date(Date.parse(user.created_at) + minutes * 60_000).toISOString(),
});

const transfer = (from: User, to: User, amount = 500) =>
  harness.transferPosted({ type: 'transfer', amount, currency: 'USD', from, to });

describe(`contacts kept from identity's user events on ${testDatabaseLabel}`, () => {
  it('keeps the contact of a user identity.user.created announces, and asks identity nothing', async () => {
    const user = harness.addUser({ first_name: 'Grace' });
    await harness.userCreated(user);
    expect(await harness.contactOf(user.id)).toEqual({
      user_id: user.id,
      email: user.email,
      phone: user.phone,
      first_name: 'Grace',
      user_name: user.user_name,
      deleted_at: null,
      updated_at: new Date(user.updated_at),
    });
    expect(lookupsOf(user)).toBe(0);
  });

  it('applies a newer identity.user.updated, and nothing of an older one delivered after it', async () => {
    const payer = harness.addUser();
    const user = harness.addUser({ first_name: 'Ada' });
    await harness.userCreated(payer);
    await harness.userCreated(user);
    const older = changed(user, 1, { first_name: 'Augusta' });
    const newer = changed(user, 2, { first_name: 'Augusta', email: `new.${user.email}`, phone: null });
    harness.users.set(user.id, newer);
    const update = await harness.userUpdated(newer, ['email', 'phone']);
    await harness.userUpdated(older, ['first_name']);
    await harness.republish(update);
    expect(await harness.contactOf(user.id)).toMatchObject({
      email: newer.email,
      phone: null,
      first_name: 'Augusta',
      updated_at: new Date(newer.updated_at),
    });

    await transfer(payer, user);
    await dispatch();
    const [received] = harness.sink.receivedBy(newer.email);
    expect(received!.text).toContain('Hello Augusta,');
    expect(harness.sink.receivedBy(user.email).map((email) => email.subject)).toEqual([
      `Welcome to MoneyPal, Ada`,
    ]);
    expect(lookupsOf(payer, user)).toBe(0);
  });

  it('keeps an update that arrives before the user’s created event, which then changes nothing', async () => {
    const user = harness.addUser({ first_name: 'Ada' });
    const newer = changed(user, 5, { user_name: `renamed.${user.user_name}` });
    await harness.userUpdated(newer, ['user_name']);
    const created = await harness.userCreated(user);
    expect(await harness.contactOf(user.id)).toMatchObject({
      user_name: newer.user_name,
      updated_at: new Date(newer.updated_at),
    });
    // The welcome still goes out, as the created event tells it.
    expect(await harness.messagesOf(created)).toMatchObject([{ template: 'registration' }]);
  });

  it('marks a deleted user, keeps no phone or first name, sends them nothing and asks identity nothing', async () => {
    const payer = harness.addUser();
    const user = harness.addUser();
    await harness.userCreated(payer);
    await harness.userCreated(user);
    const deletion = await harness.userDeleted(user);
    expect(await harness.contactOf(user.id)).toEqual({
      user_id: user.id,
      email: user.email,
      phone: null,
      first_name: null,
      user_name: user.user_name,
      deleted_at: new Date(deletion.time),
      updated_at: new Date(deletion.time),
    });

    // Late events of the user change nothing: the deletion is final.
    await harness.userUpdated(changed(user, 60, { first_name: 'Late' }), ['first_name']);
    await harness.userCreated(user);
    expect(await harness.contactOf(user.id)).toMatchObject({
      first_name: null,
      deleted_at: expect.any(Date),
    });

    const event = await transfer(payer, user);
    await dispatch();
    expect(await harness.messagesOf(event)).toMatchObject([{ template: 'payment_sent', user_id: payer.id }]);
    expect(harness.sink.receivedBy(payer.email).map((email) => email.subject)).toContain(
      'You sent USD 5.00 to another MoneyPal user',
    );
    expect(lookupsOf(payer, user)).toBe(0);
  });

  it('remembers the deletion of a user it never knew, so identity is not asked for them', async () => {
    const payer = harness.addUser();
    const user = harness.addUser();
    await harness.userCreated(payer);
    await harness.userDeleted(user);
    const event = await transfer(payer, user);
    expect(await harness.messagesOf(event)).toMatchObject([{ template: 'payment_sent' }]);
    expect(lookupsOf(user)).toBe(0);
  });
});

describe(`transfer emails from the contacts on ${testDatabaseLabel}`, () => {
  it('sends both emails of a transfer while identity answers nothing, once both contacts are known', async () => {
    const payer = harness.addUser({ first_name: 'Ada' });
    const payee = harness.addUser({ first_name: 'Bob' });
    await harness.userCreated(payer);
    await harness.userCreated(payee);
    await harness.stopIdentity();
    try {
      const event = await transfer(payer, payee, 1_250);
      await dispatch();
      expect(harness.sink.receivedBy(payer.email).map((email) => email.subject)).toContain(
        `You sent USD 12.50 to ${payee.user_name}`,
      );
      expect(harness.sink.receivedBy(payee.email).map((email) => email.subject)).toContain(
        `You received USD 12.50 from ${payer.user_name}`,
      );
      expect(await harness.messagesOf(event)).toHaveLength(2);
    } finally {
      await harness.startIdentity();
    }
    expect(lookupsOf(payer, payee)).toBe(0);
  });

  it('asks identity once for a user it has no contact of yet, and keeps the answer', async () => {
    const payer = harness.addUser({ first_name: 'Ada' });
    const payee = harness.addUser({ first_name: 'Bob' });
    const first = await transfer(payer, payee);
    expect(lookupsOf(payer)).toBe(1);
    expect(lookupsOf(payee)).toBe(1);
    expect(await harness.contactOf(payee.id)).toMatchObject({
      email: payee.email,
      first_name: 'Bob',
      deleted_at: null,
      updated_at: new Date(payee.updated_at),
    });

    const second = await transfer(payee, payer);
    await dispatch();
    expect(lookupsOf(payer, payee)).toBe(2);
    expect(await harness.messagesOf(first)).toHaveLength(2);
    expect(await harness.messagesOf(second)).toHaveLength(2);
    expect(
      harness.sink
        .receivedBy(payer.email)
        .map((email) => email.subject)
        .sort(),
    ).toEqual([`You received USD 5.00 from ${payee.user_name}`, `You sent USD 5.00 to ${payee.user_name}`]);
  });

  it('keeps nothing of a user identity does not know, and skips them', async () => {
    const payer = harness.addUser();
    const stranger = harness.addUser();
    harness.users.delete(stranger.id);
    const event = await transfer(payer, stranger);
    expect(await harness.messagesOf(event)).toMatchObject([{ template: 'payment_sent' }]);
    expect(await harness.contactOf(stranger.id)).toBeUndefined();
    expect(lookupsOf(stranger)).toBe(1);
  });

  it('asks identity nothing for a burst of transfers between two known users', async () => {
    const payer = harness.addUser();
    const payee = harness.addUser();
    await harness.userCreated(payer);
    await harness.userCreated(payee);
    const lookupsBefore = harness.identityLookups.length;
    const events = await Promise.all(
      Array.from({ length: 30 }, (_, index) => transfer(payer, payee, index + 1)),
    );
    expect(harness.identityLookups.length - lookupsBefore).toBe(0);
    const messages = await harness.database.db
      .selectFrom('messages')
      .select('id')
      .where(
        'source_event_id',
        'in',
        events.map((event) => event.id),
      )
      .execute();
    expect(messages).toHaveLength(60);
  });
});
