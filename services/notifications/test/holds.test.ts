import { createLogger, MemoryBroker } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNotifications } from '../src/index.js';
import { type NotificationsHarness, startHarness } from './notifications-harness.js';

let harness: NotificationsHarness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

const dispatch = () => harness.notifications.dispatchNow();

/** Two users who know each other by user name, as a payer and a payee. */
function parties() {
  return { payer: harness.addUser({ first_name: 'Bob' }), payee: harness.addUser({ first_name: 'Ada' }) };
}

const subjectsTo = (email: string) => harness.sink.receivedBy(email).map((received) => received.subject);

describe(`emails about escrow holds, over SMTP, on ${testDatabaseLabel}`, () => {
  it('tells the payer the money is held until they release it, and the payee who holds it for them', async () => {
    const { payer, payee } = parties();
    const event = await harness.holdChanged({
      status: 'held',
      payer,
      payee,
      amount: 12_000,
      description: 'Kitchen tiling',
      expiresAt: new Date('2030-02-01T12:00:00Z'),
    });
    await dispatch();

    const [held] = harness.sink.receivedBy(payer.email);
    expect(held!.subject).toBe(`USD 120.00 is held for ${payee.user_name} until you release it`);
    expect(held!.text).toContain('Hello Bob,');
    expect(held!.text).toContain(
      'If it is not released before 2030-02-01 12:00 UTC, it goes back to you then.',
    );
    expect(held!.text).toContain('Description: Kitchen tiling');
    expect(held!.text).toContain(`Reference: ${event.subject}`);
    const [holding] = harness.sink.receivedBy(payee.email);
    expect(holding!.subject).toBe(`${payer.user_name} is holding USD 120.00 for you`);
    expect(holding!.text).toContain(`It is yours once ${payer.user_name} releases it.`);
    expect(holding!.text).toContain(
      `If it is not released before 2030-02-01 12:00 UTC, it goes back to ${payer.user_name} then.`,
    );
    const messages = await harness.messagesOf(event);
    expect(messages.map((message) => [message.template, message.user_id, message.status]).sort()).toEqual(
      [
        ['hold_created', payee.id, 'sent'],
        ['hold_created', payer.id, 'sent'],
      ].sort(),
    );
  });

  it('says what a capture released, and what went back, to each party', async () => {
    const { payer, payee } = parties();
    await harness.holdChanged({ status: 'captured', payer, payee, amount: 12_000, capturedAmount: 9_000 });
    await dispatch();
    const [released] = harness.sink.receivedBy(payer.email);
    expect(released!.subject).toBe(`You released USD 90.00 to ${payee.user_name}`);
    expect(released!.text).toContain('USD 30.00 went back to your wallet.');
    const [paid] = harness.sink.receivedBy(payee.email);
    expect(paid!.subject).toBe(`${payer.user_name} released USD 90.00 to you`);
    expect(paid!.text).toContain(`USD 30.00 went back to ${payer.user_name}.`);

    const whole = parties();
    await harness.holdChanged({ status: 'captured', ...whole, amount: 500, capturedAmount: 500 });
    await dispatch();
    const [all] = harness.sink.receivedBy(whole.payee.email);
    expect(all!.subject).toBe(`${whole.payer.user_name} released USD 5.00 to you`);
    expect(all!.text).not.toContain('went back');
  });

  it('tells both parties when a hold is voided, or expires either way', async () => {
    const voided = parties();
    const voidedEvent = await harness.holdChanged({ status: 'voided', ...voided, amount: 3_000 });
    const returned = parties();
    await harness.holdChanged({ status: 'expired', ...returned, amount: 3_000 });
    const paidOut = parties();
    await harness.holdChanged({
      status: 'expired',
      ...paidOut,
      amount: 3_000,
      capturedAmount: 3_000,
      onExpiry: 'capture',
    });
    await dispatch();

    expect(subjectsTo(voided.payer.email)).toEqual([
      `The USD 30.00 held for ${voided.payee.user_name} went back to your wallet`,
    ]);
    expect(subjectsTo(voided.payee.email)).toEqual([
      `The USD 30.00 ${voided.payer.user_name} held for you went back to ${voided.payer.user_name}`,
    ]);
    expect((await harness.messagesOf(voidedEvent)).map((message) => message.template)).toEqual([
      'hold_voided',
      'hold_voided',
    ]);
    expect(subjectsTo(returned.payer.email)).toEqual([
      `Your hold of USD 30.00 for ${returned.payee.user_name} expired and the money went back to your wallet`,
    ]);
    expect(subjectsTo(returned.payee.email)).toEqual([
      `The hold of USD 30.00 from ${returned.payer.user_name} expired and the money went back to ${returned.payer.user_name}`,
    ]);
    expect(subjectsTo(paidOut.payer.email)).toEqual([
      `Your hold for ${paidOut.payee.user_name} expired and released USD 30.00 to ${paidOut.payee.user_name}`,
    ]);
    expect(subjectsTo(paidOut.payee.email)).toEqual([
      `The hold from ${paidOut.payer.user_name} expired and released USD 30.00 to you`,
    ]);
  });

  it('skips a party identity no longer knows, and still tells the other', async () => {
    const { payer, payee } = parties();
    harness.users.delete(payer.id);
    const event = await harness.holdChanged({ status: 'held', payer, payee, amount: 700 });
    await dispatch();
    expect(subjectsTo(payee.email)).toEqual(['Another MoneyPal user is holding USD 7.00 for you']);
    expect(harness.sink.receivedBy(payer.email)).toEqual([]);
    expect(await harness.messagesOf(event)).toMatchObject([{ template: 'hold_created', user_id: payee.id }]);
  });

  it('writes a burst of hold events with one statement per batch, two emails each', async () => {
    const users = Array.from({ length: 10 }, () => harness.addUser());
    await Promise.all(users.map((user) => harness.userCreated(user)));
    const together = () => harness.statements.matching(/insert into inbox[\s\S]*insert into messages/).length;
    const before = together();
    // Published in one turn, as a relay publishes a group: they wait for notifications together.
    const events = await Promise.all(
      Array.from({ length: 120 }, (_, index) =>
        harness.holdChanged({
          status: 'held',
          payer: users[index % users.length]!,
          payee: users[(index + 1) % users.length]!,
          amount: 100 + index,
        }),
      ),
    );
    expect(together() - before).toBe(2);
    const messages = await harness.database.db
      .selectFrom('messages')
      .select(['source_event_id', 'template'])
      .where(
        'source_event_id',
        'in',
        events.map((event) => event.id),
      )
      .execute();
    expect(messages).toHaveLength(240);
    expect(new Set(messages.map((message) => message.template))).toEqual(new Set(['hold_created']));
    await dispatch();
  });

  it('makes each party one message of a hold event delivered twice', async () => {
    const { payer, payee } = parties();
    const event = await harness.holdChanged({
      status: 'captured',
      payer,
      payee,
      amount: 800,
      capturedAmount: 800,
    });
    await dispatch();
    // The same event past the broker's dedup (a relay that republished it after a crash),
    // to a second replica on a second broker: only the inbox stands between it and more email.
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
    const ledger = broker.connect('ledger', logger);
    try {
      await ledger.publish(event);
      await replica.dispatchNow();
    } finally {
      await replica.stop();
      await ledger.close();
      await replicaBus.close();
      broker.shutdown();
    }
    expect(await harness.messagesOf(event)).toHaveLength(2);
    expect(harness.sink.receivedBy(payer.email)).toHaveLength(1);
    expect(harness.sink.receivedBy(payee.email)).toHaveLength(1);
  });
});
