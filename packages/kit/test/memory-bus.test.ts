import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBroker } from '../src/bus/memory.js';
import { AppError } from '../src/errors.js';
import { gate, silentLogger, sleep, testEvent, waitFor } from './support.js';

/**
 * What only the in-process broker has to get right: its `publish` resolves once every
 * consumer group settled the event, so the outbox marks an event sent only after it was
 * applied. The shared semantics are in bus.contract.test.ts.
 */
describe('the in-process broker', () => {
  let broker: MemoryBroker;

  afterEach(() => {
    broker?.shutdown();
  });

  it('resolves a publication only after every consumer group settled the event', async () => {
    broker = new MemoryBroker();
    const consumer = broker.connect('billing', silentLogger);
    const publisher = broker.connect('payments', silentLogger);
    const release = gate();
    await consumer.subscribe('billing', { 'payments.payment.captured': () => release.promise });
    let settled = false;

    const publication = publisher.publish(testEvent('payments.payment.captured')).then(() => {
      settled = true;
    });
    await sleep(30);
    expect(settled).toBe(false);
    release.open();
    await publication;

    expect(settled).toBe(true);
  });

  it('resolves a re-published copy only when the first copy is applied, and delivers it once', async () => {
    broker = new MemoryBroker();
    const consumer = broker.connect('billing', silentLogger);
    const publisher = broker.connect('payments', silentLogger);
    const release = gate();
    let deliveries = 0;
    await consumer.subscribe('billing', {
      'payments.payment.captured': async () => {
        deliveries += 1;
        await release.promise;
      },
    });
    const event = testEvent('payments.payment.captured');
    let copySettled = false;

    const first = publisher.publish(event);
    const copy = publisher.publish(structuredClone(event)).then(() => {
      copySettled = true;
    });
    await sleep(30);
    expect(copySettled).toBe(false);
    release.open();
    await Promise.all([first, copy]);

    expect(deliveries).toBe(1);
  });

  it('rejects a publication still waiting for a redelivery when the broker shuts down', async () => {
    broker = new MemoryBroker();
    const consumer = broker.connect('billing', silentLogger);
    const publisher = broker.connect('payments', silentLogger);
    let attempts = 0;
    await consumer.subscribe(
      'billing',
      {
        'payments.payment.captured': async () => {
          attempts += 1;
          throw new Error('the ledger is down');
        },
      },
      { maxDeliveries: 5, backoffMs: [60_000] },
    );

    const publication = publisher.publish(testEvent('payments.payment.captured'));
    await waitFor(() => attempts === 1, 'the first attempt');
    broker.shutdown();

    await expect(publication).rejects.toThrow(AppError);
  });

  it('rejects the pending publications of a connection that closes', async () => {
    broker = new MemoryBroker();
    const consumer = broker.connect('billing', silentLogger);
    const publisher = broker.connect('payments', silentLogger);
    const release = gate();
    await consumer.subscribe('billing', { 'payments.payment.captured': () => release.promise });

    const publication = publisher.publish(testEvent('payments.payment.captured'));
    await publisher.close();

    await expect(publication).rejects.toMatchObject({ code: 'unavailable' });
    release.open();
  });

  it('reports a dead letter only to the connection whose consumer gave up on it', async () => {
    broker = new MemoryBroker();
    const billing = broker.connect('billing', silentLogger);
    const bystander = broker.connect('notifications', silentLogger);
    const publisher = broker.connect('payments', silentLogger);
    const billingDeadLetters: string[] = [];
    const bystanderDeadLetters: string[] = [];
    billing.onDeadLetter((deadLetter) => billingDeadLetters.push(deadLetter.consumer));
    bystander.onDeadLetter((deadLetter) => bystanderDeadLetters.push(deadLetter.consumer));
    await billing.subscribe(
      'billing',
      {
        'payments.payment.captured': async () => {
          throw new Error('always');
        },
      },
      { maxDeliveries: 2, backoffMs: [1] },
    );

    await publisher.publish(testEvent('payments.payment.captured'));

    expect(billingDeadLetters).toEqual(['billing']);
    expect(bystanderDeadLetters).toEqual([]);
  });
});
