import { randomUUID } from 'node:crypto';
import { AppError } from '@moneypal/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problemBody, startGateway, type TestGateway } from './support.js';

describe('how errors read', () => {
  let gateway: TestGateway;
  let authorization: string;
  beforeEach(async () => {
    gateway = await startGateway();
    authorization = (await gateway.bearer()).authorization;
  });
  afterEach(async () => {
    await gateway.close();
  });

  const transfer = (payload: Record<string, unknown>) =>
    gateway.app.inject({
      method: 'POST',
      url: '/v1/transfers',
      headers: { authorization, 'idempotency-key': randomUUID() },
      payload: { from_wallet_id: randomUUID(), to_user: 'grace', amount: 2500, ...payload },
    });

  it('names an unknown field by its path and suggests the field meant', async () => {
    const response = await transfer({ note: 'Dinner' });
    expect(response.statusCode).toBe(400);
    expect(problemBody(response)).toMatchObject({
      code: 'validation_failed',
      detail: 'The request body is not valid: `errors` names each field to fix.',
      errors: [{ path: 'note', message: 'Unknown field `note`. Did you mean `description`?' }],
    });
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('suggests by synonym and by spelling, and lists the fields when nothing is close', async () => {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/transfers',
      headers: { authorization, 'idempotency-key': randomUUID() },
      payload: { from_wallet_id: randomUUID(), to: 'grace', amout: 2500 },
    });
    expect(problemBody(response).errors).toEqual(
      expect.arrayContaining([
        { path: 'to', message: 'Unknown field `to`. Did you mean `to_user`?' },
        { path: 'amout', message: 'Unknown field `amout`. Did you mean `amount`?' },
      ]),
    );
    const reset = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset',
      payload: { email: 'ada@example.com', colour: 'blue' },
    });
    expect(problemBody(reset).errors).toEqual([
      { path: 'colour', message: 'Unknown field `colour`. Remove it: this request takes `email`.' },
    ]);
  });

  it('names an unknown query parameter and suggests the one meant', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/v1/transactions?limt=5&page_size=5',
      headers: { authorization },
    });
    expect(response.statusCode).toBe(400);
    expect(problemBody(response)).toMatchObject({
      detail: 'The query string is not valid: `errors` names each parameter to fix.',
      errors: [
        { path: 'limt', message: 'Unknown parameter `limt`. Did you mean `limit`?' },
        { path: 'page_size', message: 'Unknown parameter `page_size`. Did you mean `limit`?' },
      ],
    });
  });

  it('says what a wrong value must be, with an example to follow', async () => {
    const response = await transfer({ amount: 10.5, from_wallet_id: 'wallet-1' });
    expect(problemBody(response).errors).toEqual([
      {
        path: 'from_wallet_id',
        message: 'Must be a UUID, such as 0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01.',
      },
      { path: 'amount', message: 'Must be a whole number of minor units (cents), such as 1050 for 10.50.' },
    ]);
    const both = await transfer({ to_wallet_id: randomUUID() });
    expect(problemBody(both).errors).toEqual([
      {
        path: 'to_wallet_id',
        message: 'Name the recipient with exactly one of `to_wallet_id` or `to_user`, not both.',
      },
    ]);
    const missing = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { login: 'ada' },
    });
    expect(problemBody(missing).errors).toEqual([{ path: 'password', message: 'Is required.' }]);
  });

  it('writes a service’s detail and field messages as sentences', async () => {
    await gateway.respond('identity.user.get', async () => {
      throw new AppError('user_not_found', 'no user has this id', {
        errors: [{ path: 'id', message: 'names nobody' }],
      });
    });
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/v1/users/me',
      headers: { authorization },
    });
    expect(problemBody(response)).toMatchObject({
      detail: 'No user has this id.',
      errors: [{ path: 'id', message: 'Names nobody.' }],
    });
  });

  it('tells a request without a token how to send one, and a user what an admin route needs', async () => {
    const anonymous = await gateway.app.inject({ method: 'GET', url: '/v1/users/me' });
    expect(problemBody(anonymous).detail).toBe(
      'An access token is required: log in and send it as `Authorization: Bearer <access token>`.',
    );
    const user = await gateway.app.inject({ method: 'GET', url: '/v1/users', headers: { authorization } });
    expect(problemBody(user)).toMatchObject({
      code: 'forbidden',
      detail: 'Only an administrator may do this: log in with an admin account.',
    });
  });
});
