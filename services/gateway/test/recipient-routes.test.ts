import { AppError } from '@moneypal/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recipientLookupsPerMinute } from '../src/routes/recipients.routes.js';
import { problemBody, startGateway, type TestGateway } from './support.js';

describe('recipient lookup route', () => {
  let gateway: TestGateway;
  beforeEach(async () => {
    gateway = await startGateway();
  });
  afterEach(async () => {
    await gateway.close();
  });

  const lookUp = (authorization: string | undefined, query: string) =>
    gateway.app.inject({
      method: 'GET',
      url: `/v1/recipients?${query}`,
      headers: authorization === undefined ? {} : { authorization },
    });

  it('answers the display name and handle identity finds for the trimmed query', async () => {
    const { authorization } = await gateway.bearer();
    await gateway.respond('identity.recipient.find', async () => ({
      display_name: 'Ada Lovelace',
      user_name: 'ada',
    }));
    const response = await lookUp(authorization, 'query=%20ada%20');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ display_name: 'Ada Lovelace', user_name: 'ada' });
    expect(gateway.operationCalls().map((called) => [called.subject, called.payload])).toEqual([
      ['identity.recipient.find', { query: 'ada' }],
    ]);
  });

  it('answers 404 recipient_not_found naming the query when identity finds nobody', async () => {
    const { authorization } = await gateway.bearer();
    await gateway.respond('identity.recipient.find', async () => {
      throw new AppError(
        'recipient_not_found',
        'Nobody has exactly this user name, email or phone: check it with the recipient.',
        {
          errors: [{ path: 'query', message: 'Nobody has this user name or email.' }],
        },
      );
    });
    const response = await lookUp(authorization, 'query=ad');
    expect(response.statusCode).toBe(404);
    expect(problemBody(response)).toMatchObject({
      code: 'recipient_not_found',
      errors: [{ path: 'query', message: 'Nobody has this user name or email.' }],
    });
  });

  it('refuses a missing, empty or too long query and unknown parameters before asking identity', async () => {
    const { authorization } = await gateway.bearer();
    for (const query of ['', 'query=', `query=${'a'.repeat(255)}`, 'query=ada&user_name=ada']) {
      const response = await lookUp(authorization, query);
      expect(response.statusCode, query).toBe(400);
      expect(problemBody(response).code).toBe('validation_failed');
    }
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('refuses an anonymous lookup', async () => {
    const response = await lookUp(undefined, 'query=ada');
    expect(response.statusCode).toBe(401);
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('answers 429 once a user exceeds the lookups of a minute, and still answers another user', async () => {
    await gateway.respond('identity.recipient.find', async () => ({
      display_name: 'Ada Lovelace',
      user_name: 'ada',
    }));
    const first = await gateway.bearer();
    for (let lookup = 0; lookup < recipientLookupsPerMinute; lookup++) {
      expect((await lookUp(first.authorization, `query=ada${lookup}`)).statusCode).toBe(200);
    }
    const limited = await lookUp(first.authorization, 'query=ada');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(problemBody(limited).code).toBe('rate_limited');
    expect(gateway.operationCalls()).toHaveLength(recipientLookupsPerMinute);

    const second = await gateway.bearer();
    expect((await lookUp(second.authorization, 'query=ada')).statusCode).toBe(200);
  });
});
