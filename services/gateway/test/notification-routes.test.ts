import { randomUUID } from 'node:crypto';
import type { AccessClaims } from '@moneypal/contracts';
import { AppError } from '@moneypal/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problemBody, startGateway, type TestGateway } from './support.js';

const now = '2030-01-01T12:00:00.000Z';
const messageOf = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  user_id: randomUUID(),
  channel: 'email',
  to: 'ada@example.com',
  template: 'payment_received',
  subject: 'You received USD 12.50 from bob',
  body: 'Hello Ada,\n\nYou received USD 12.50 from bob.',
  status: 'sent',
  attempts: 1,
  provider_id: '<abc@moneypal>',
  error: null,
  created_at: now,
  updated_at: now,
  sent_at: now,
  read_at: null,
  ...overrides,
});

const actorOf = (claims: AccessClaims) => ({ user_id: claims.sub, role: claims.role });

describe('notification routes: the inbox', () => {
  let gateway: TestGateway;
  let user: { authorization: string; claims: AccessClaims };
  beforeEach(async () => {
    gateway = await startGateway();
    user = await gateway.bearer('user');
  });
  afterEach(async () => {
    await gateway.close();
  });

  const inject = (method: 'GET' | 'POST', url: string, authorization: string | null = user.authorization) =>
    gateway.app.inject({ method, url, headers: authorization === null ? {} : { authorization } });

  it('lists my unread messages with their text, passing the filter on as a boolean', async () => {
    const message = messageOf();
    await gateway.respond('notifications.message.list', async () => ({ data: [message], next_cursor: null }));
    const response = await inject('GET', '/v1/notifications?unread=true&limit=5');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ data: [message], next_cursor: null });
    expect(gateway.operationCalls()).toEqual([
      expect.objectContaining({
        subject: 'notifications.message.list',
        payload: { actor: actorOf(user.claims), unread: true, limit: 5 },
      }),
    ]);
  });

  it('counts my unread messages', async () => {
    await gateway.respond('notifications.message.count-unread', async () => ({ count: 3 }));
    const response = await inject('GET', '/v1/notifications/unread-count');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ count: 3 });
    expect(gateway.operationCalls()[0]?.payload).toEqual({ actor: actorOf(user.claims) });
  });

  it('marks one message read, and all of them', async () => {
    const id = randomUUID();
    const read = messageOf({ id, read_at: '2030-01-01T12:05:00.000Z' });
    await gateway.respond('notifications.message.mark-read', async () => read);
    await gateway.respond('notifications.message.mark-all-read', async () => ({ marked_read: 2 }));
    const one = await inject('POST', `/v1/notifications/${id}/read`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toEqual(read);
    const all = await inject('POST', '/v1/notifications/read');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toEqual({ marked_read: 2 });
    expect(gateway.operationCalls().map((call) => call.payload)).toEqual([
      { actor: actorOf(user.claims), id },
      { actor: actorOf(user.claims) },
    ]);
  });

  it('answers 404 for a message that is not mine', async () => {
    await gateway.respond('notifications.message.mark-read', async () => {
      throw new AppError('not_found', 'You have no message with this id.');
    });
    const response = await inject('POST', `/v1/notifications/${randomUUID()}/read`);
    expect(response.statusCode).toBe(404);
    expect(problemBody(response).code).toBe('not_found');
  });

  it('refuses a bad id, a bad filter or no token, and asks no service', async () => {
    for (const [method, url] of [
      ['POST', '/v1/notifications/not-a-uuid/read'],
      ['POST', `/v1/notifications/${randomUUID()}x/read`],
      ['GET', '/v1/notifications?unread=yes'],
      ['GET', '/v1/notifications?unread=true&unread=false'],
      ['GET', '/v1/notifications/unread-count?user_id=someone'],
    ] as const) {
      const response = await inject(method, url);
      expect(response.statusCode, url).toBe(400);
      expect(problemBody(response).code, url).toBe('validation_failed');
    }
    for (const [method, url] of [
      ['GET', '/v1/notifications/unread-count'],
      ['POST', '/v1/notifications/read'],
      ['POST', `/v1/notifications/${randomUUID()}/read`],
    ] as const) {
      expect((await inject(method, url, null)).statusCode, url).toBe(401);
    }
    expect(gateway.operationCalls()).toEqual([]);
  });
});
