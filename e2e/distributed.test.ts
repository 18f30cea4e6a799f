import { randomBytes, randomUUID } from 'node:crypto';
import type { Schema } from '@moneypal/api-client';
import { openDatabase } from '@moneypal/kit';
import { metricSamples, metricValue, testDatabaseLabel, testServerUrl } from '@moneypal/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, apiOf, idempotencyKey } from './support/http.js';
import { deposit, eventuallyAsync, logIn, newPerson, type Person } from './support/people.js';
import {
  buildDistributedRuntime,
  type DatabaseService,
  type DistributedSystem,
  databaseServices,
  type ProcessName,
  startDistributedSystem,
} from './support/processes.js';

/*
 * The distributed runtime as separate processes: each service its own `node …/dist/main.js`
 * on its own database of the test server, all on one NATS server. Collected only when
 * TEST_NATS_URL is set (see vitest.config.ts), and refuses to run without it.
 */
if (!process.env.TEST_NATS_URL) {
  throw new Error('this suite needs TEST_NATS_URL (NATS with JetStream)');
}

let system: DistributedSystem;
let api: Api;
let adminToken: string;

beforeAll(async () => {
  await buildDistributedRuntime();
  system = await startDistributedSystem();
  api = apiOf(system.gatewayUrl);
  adminToken = await logIn(api, system.admin.email, system.admin.password);
}, 180_000);

afterAll(async () => {
  await system?.stop();
}, 60_000);

const depositTo = (person: Person, amount: number) => deposit(api, adminToken, person.walletId, amount);

const walletOf = async (person: Person) =>
  (await api(person.token).GET('/v1/wallets/{id}', { params: { path: { id: person.walletId } } })).data!;

const transactionsOf = async (person: Person, type: Schema<'Transfer'>['type']) =>
  (
    await api(person.token).GET('/v1/transactions', {
      params: { query: { wallet_id: person.walletId, type } },
    })
  ).data!.data;

/** The sum of a series in a process's current `/metrics`. */
const metric = async (
  service: DatabaseService | 'gateway',
  name: string,
  labels: Record<string, string> = {},
) => metricValue(await system.metrics(service), name, labels);

describe(`the distributed runtime as separate processes (${testDatabaseLabel} + NATS JetStream)`, () => {
  it('carries a trace id sent at the gateway into the ledger’s log, and every service’s metrics move', async () => {
    const payer = await newPerson(api, 'Ada');
    const payee = await newPerson(api, 'Grace');
    await depositTo(payer, 5_000);
    const before = {
      posted: await metric('ledger', 'ledger_transfers_posted_total', { type: 'transfer' }),
      replays: await metric('ledger', 'ledger_idempotent_replays_total', { operation: 'transfer' }),
      served: await metric('ledger', 'bus_requests_total', {
        subject: 'ledger.transfer.create',
        outcome: 'ok',
      }),
      http: await metric('gateway', 'http_requests_total', { route: '/v1/transfers', status_code: '201' }),
      made: await metric('gateway', 'bus_client_requests_total', { subject: 'ledger.transfer.create' }),
    };

    const traceId = randomBytes(16).toString('hex');
    const requestId = `distributed-${randomBytes(4).toString('hex')}`;
    const key = randomUUID();
    const transfer = () =>
      api(payer.token).POST('/v1/transfers', {
        params: { header: idempotencyKey(key) },
        body: { from_wallet_id: payer.walletId, to_user: payee.userName, amount: 1_250 },
        headers: {
          'x-request-id': requestId,
          traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
        },
      });
    const answer = await transfer();
    expect(answer.response.status, JSON.stringify(answer.error)).toBe(201);
    expect(answer.response.headers.get('x-request-id')).toBe(requestId);
    // The same request again: answered from the ledger's stored answer.
    const replay = await transfer();
    expect(replay.response.status).toBe(201);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');

    // The ledger's own log line for the request, written in another process, joins the trace.
    const handled = await eventuallyAsync(async () =>
      system
        .logs('ledger')
        .find(
          (line) =>
            line.message === 'request handled' &&
            line.subject === 'ledger.transfer.create' &&
            line.trace_id === traceId,
        ),
    );
    expect(handled).toMatchObject({
      service: 'ledger',
      request_id: requestId,
      outcome: 'ok',
      span_id: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(
      system
        .logs('gateway')
        .find((line) => line.message === 'request completed' && line.request_id === requestId),
    ).toMatchObject({ trace_id: traceId, route: '/v1/transfers', status_code: 201 });
    // The transfer's event carries the trace on: the consumers' handler lines join it too.
    await eventuallyAsync(async () =>
      system.logs('billing').some((line) => line.trace_id === traceId) ? true : undefined,
    );

    expect(await metric('ledger', 'ledger_transfers_posted_total', { type: 'transfer' })).toBe(
      before.posted + 1,
    );
    expect(await metric('ledger', 'ledger_idempotent_replays_total', { operation: 'transfer' })).toBe(
      before.replays + 1,
    );
    expect(
      await metric('ledger', 'bus_requests_total', { subject: 'ledger.transfer.create', outcome: 'ok' }),
    ).toBe(before.served + 2);
    expect(
      await metric('gateway', 'http_requests_total', { route: '/v1/transfers', status_code: '201' }),
    ).toBe(before.http + 2);
    expect(await metric('gateway', 'bus_client_requests_total', { subject: 'ledger.transfer.create' })).toBe(
      before.made + 2,
    );

    // Every service: the process defaults, the bus series, the outbox lag, its own label.
    for (const service of databaseServices) {
      const text = await system.metrics(service);
      const names = new Set(
        metricSamples(text)
          .filter((sample) => sample.labels.service === service)
          .map((sample) => sample.name),
      );
      expect([...names], service).toEqual(
        expect.arrayContaining([
          'process_cpu_seconds_total',
          'process_resident_memory_bytes',
          'nodejs_eventloop_lag_p99_seconds',
          'bus_requests_total',
          'bus_request_duration_seconds_bucket',
          'outbox_pending_events',
          'outbox_oldest_pending_age_seconds',
        ]),
      );
      // The gateway asked every service for its health before it became ready.
      expect(
        metricValue(text, 'bus_requests_total', { subject: `${service}.health`, outcome: 'ok' }),
      ).toBeGreaterThan(0);
      expect(text).toContain('# TYPE bus_events_handled_total counter');
      expect(text).toContain('# TYPE bus_dead_letters_total counter');
    }
    // Registrations reached the ledger as events, applied once each.
    expect(
      await metric('ledger', 'bus_events_handled_total', { type: 'identity.user.created', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      await metric('identity', 'outbox_events_published_total', { type: 'identity.user.created' }),
    ).toBeGreaterThanOrEqual(2);
    expect(await metric('gateway', 'process_cpu_seconds_total', { service: 'gateway' })).toBeGreaterThan(0);
  });

  it('keeps every service up while PostgreSQL terminates their connections under load, and moves each transfer once', async () => {
    const people: Person[] = [];
    for (const name of ['Emmy', 'Sofia', 'Lise', 'Marie']) people.push(await newPerson(api, name));
    for (const person of people) await depositTo(person, 100_000);
    const server = await openDatabase<unknown>({
      url: testServerUrl(),
      poolSize: 1,
    });
    const databases = databaseServices.map((service) => system.databaseOf(service));
    const terminate = async () => {
      const { rows } = await sql<{ terminated: boolean }>`
        select pg_terminate_backend(pid) as terminated from pg_stat_activity
        where datname = any(${databases}::text[]) and pid <> pg_backend_pid()`.execute(server);
      return rows.length;
    };

    // Transfers around the circle, each with its own key, while every service's backends are
    // terminated again and again: a failover or a restart of PostgreSQL as the services see it.
    const sent: { key: string; from: Person; to: Person; status: number; body: unknown }[] = [];
    let stop = false;
    const load = async (worker: number) => {
      for (let round = 0; !stop; round += 1) {
        const from = people[(worker + round) % people.length]!;
        const to = people[(worker + round + 1) % people.length]!;
        const key = randomUUID();
        const answer = await api(from.token).POST('/v1/transfers', {
          params: { header: idempotencyKey(key) },
          body: { from_wallet_id: from.walletId, to_wallet_id: to.walletId, amount: 1 },
        });
        sent.push({ key, from, to, status: answer.response.status, body: answer.data ?? answer.error });
      }
    };
    const workers = Array.from({ length: 8 }, (_, worker) => load(worker));
    let terminated = 0;
    for (let round = 0; round < 6; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      terminated += await terminate();
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    stop = true;
    await Promise.all(workers);
    await server.destroy();

    expect(terminated).toBeGreaterThan(databases.length);
    const processes: ProcessName[] = ['gateway', ...databaseServices];
    expect(processes.filter((name) => !system.isRunning(name))).toEqual([]);
    // A request caught by a dropped connection fails cleanly, as unavailable; nothing else fails.
    const statuses = new Set(sent.map((item) => item.status));
    expect([...statuses].filter((status) => status !== 201 && status !== 503)).toEqual([]);
    for (const item of sent.filter((entry) => entry.status === 503)) {
      expect(item.body).toMatchObject({ code: 'unavailable' });
    }
    expect(sent.filter((item) => item.status === 201).length).toBeGreaterThan(0);

    // Every service answers again, and a retry of each refused request under its key moves it once.
    for (const service of databaseServices) {
      await eventuallyAsync(async () =>
        (await metric(service, 'process_cpu_seconds_total')) > 0 ? true : undefined,
      );
    }
    for (const item of sent.filter((entry) => entry.status === 503)) {
      const retried = await eventuallyAsync(async () => {
        const answer = await api(item.from.token).POST('/v1/transfers', {
          params: { header: idempotencyKey(item.key) },
          body: { from_wallet_id: item.from.walletId, to_wallet_id: item.to.walletId, amount: 1 },
        });
        return answer.response.status === 503 ? undefined : answer;
      }, 15_000);
      expect(retried.response.status).toBe(201);
    }
    const balances = await Promise.all(people.map(async (person) => (await walletOf(person)).main));
    expect(balances.reduce((sum, balance) => sum + balance, 0)).toBe(people.length * 100_000);
    for (const [index, person] of people.entries()) {
      const out = sent.filter((item) => item.from === person).length;
      const incoming = sent.filter((item) => item.to === person).length;
      expect(balances[index], person.userName).toBe(100_000 - out + incoming);
    }
    const verdict = await system.verifyLedger();
    expect(verdict.checks.filter((check) => check.violations > 0)).toEqual([]);
    // The consumers kept going: each transfer's emails went out (notifications' own database was cut too).
    await eventuallyAsync(
      async () =>
        (await metric('notifications', 'bus_events_handled_total', {
          type: 'ledger.transfer.posted',
          outcome: 'ok',
        })) >= sent.length
          ? true
          : undefined,
      30_000,
    );
  });

  it('settles a payment exactly once with billing killed mid-saga and the ledger killed and restarted', async () => {
    const payer = await newPerson(api, 'Hedy');
    const provider = await newPerson(api, 'Barbara');
    const amount = 3_000;
    const created = await api(payer.token).POST('/v1/payments', {
      params: { header: idempotencyKey() },
      body: { amount, currency: 'USD', wallet_id: payer.walletId, paid_to: provider.userName },
    });
    expect(created.response.status, JSON.stringify(created.error)).toBe(201);
    const payment = created.data as Schema<'Payment'> & { paypal_order_id: string };
    const depositsBefore = await metric('ledger', 'ledger_transfers_posted_total', { type: 'deposit' });

    // The ledger stops answering: billing's credit of the payer waits on it.
    system.freeze('ledger');
    const approved = await fetch(
      `${system.simulatorUrl}/_simulator/orders/${payment.paypal_order_id}/approve`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      },
    );
    expect(approved.status).toBe(200);
    const captured = await api(payer.token).POST('/v1/payments/{id}/capture', {
      params: { path: { id: payment.id } },
    });
    expect(captured.response.status, JSON.stringify(captured.error)).toBe(200);
    expect(captured.data?.status).toBe('captured');
    await eventuallyAsync(
      async () =>
        (await metric('billing', 'bus_client_requests_in_flight', { subject: 'ledger.deposit.create' })) === 1
          ? true
          : undefined,
      15_000,
    );

    // Billing dies while its request is on the way; the ledger then answers it to nobody.
    await system.kill('billing');
    system.thaw('ledger');
    await eventuallyAsync(
      async () =>
        (await metric('ledger', 'ledger_transfers_posted_total', { type: 'deposit' })) === depositsBefore + 1
          ? true
          : undefined,
      15_000,
    );
    // The ledger dies too, right after it posted the credit, and comes back.
    await system.kill('ledger');
    await system.restart('ledger');
    await system.restart('billing');

    // The captured event comes back to billing, which asks again under the same keys.
    await eventuallyAsync(
      async () => ((await walletOf(provider)).main === amount ? true : undefined),
      30_000,
    );
    const invoice = await eventuallyAsync(async () => {
      const page = await api(payer.token).GET('/v1/invoices', { params: { query: { role: 'payer' } } });
      return page.data?.data[0]?.status === 'paid' ? page.data.data : undefined;
    }, 15_000);

    expect(invoice).toHaveLength(1);
    expect(invoice[0]).toMatchObject({
      payment_id: payment.id,
      amount,
      payer_id: payer.id,
      payee_id: provider.id,
    });
    expect((await walletOf(payer)).main).toBe(0);
    expect(await transactionsOf(payer, 'deposit')).toEqual([
      expect.objectContaining({ amount, type: 'deposit' }),
    ]);
    expect(await transactionsOf(payer, 'payment')).toEqual([
      expect.objectContaining({ amount, type: 'payment' }),
    ]);
    expect(await transactionsOf(provider, 'payment')).toHaveLength(1);
    // The path the test meant: billing asked again under the same key, and the ledger
    // answered with the credit it had already posted.
    expect(
      await metric('ledger', 'ledger_idempotent_replays_total', { operation: 'deposit' }),
    ).toBeGreaterThanOrEqual(1);
    expect(await metric('ledger', 'ledger_transfers_posted_total', { type: 'deposit' })).toBe(0);
    expect(await metric('ledger', 'ledger_transfers_posted_total', { type: 'payment' })).toBe(1);
    const verdict = await system.verifyLedger();
    expect(verdict.checks.filter((check) => check.violations > 0)).toEqual([]);
    expect(verdict.ok).toBe(true);
  });
});
