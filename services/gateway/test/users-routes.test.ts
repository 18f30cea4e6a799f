import { randomUUID } from 'node:crypto';
import { AppError } from '@moneypal/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problemBody, startGateway, type TestGateway, userOf } from './support.js';

describe('user routes', () => {
  let gateway: TestGateway;
  beforeEach(async () => {
    gateway = await startGateway();
  });
  afterEach(async () => {
    await gateway.close();
  });

  it('reads my profile by the token subject', async () => {
    const { authorization, claims } = await gateway.bearer();
    const user = userOf({ id: claims.sub });
    await gateway.respond('identity.user.get', async () => user);
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/v1/users/me',
      headers: { authorization },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(user);
  });

  it('changes my profile with the validated changes only', async () => {
    const { authorization, claims } = await gateway.bearer();
    await gateway.respond('identity.user.update', async () =>
      userOf({ id: claims.sub, two_factor_enabled: true }),
    );
    const response = await gateway.app.inject({
      method: 'PATCH',
      url: '/v1/users/me',
      headers: { authorization },
      payload: { two_factor_enabled: true, first_name: '  Ada  ' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().two_factor_enabled).toBe(true);
    expect(gateway.operationCalls()[0]?.payload).toEqual({
      user_id: claims.sub,
      changes: { two_factor_enabled: true, first_name: 'Ada' },
    });
  });

  it('refuses a profile change that changes nothing or sets a password without the current one', async () => {
    const { authorization } = await gateway.bearer();
    for (const payload of [
      {},
      { password: 'a new long password' },
      { role: 'admin' },
      { id: randomUUID() },
    ]) {
      const response = await gateway.app.inject({
        method: 'PATCH',
        url: '/v1/users/me',
        headers: { authorization },
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const missingCurrent = await gateway.app.inject({
      method: 'PATCH',
      url: '/v1/users/me',
      headers: { authorization },
      payload: { password: 'a new long password' },
    });
    expect(problemBody(missingCurrent).errors).toEqual([
      { path: 'current_password', message: 'Is required to change the password, email or phone.' },
    ]);
    for (const payload of [{ email: 'new@example.com' }, { phone: '+14155550123' }, { phone: null }]) {
      const response = await gateway.app.inject({
        method: 'PATCH',
        url: '/v1/users/me',
        headers: { authorization },
        payload,
      });
      expect(problemBody(response).errors, JSON.stringify(payload)).toEqual([
        { path: 'current_password', message: 'Is required to change the password, email or phone.' },
      ]);
    }
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('deletes my account with my password and answers 204', async () => {
    const { authorization, claims } = await gateway.bearer();
    await gateway.respond('identity.user.delete', async () => ({}));
    const response = await gateway.app.inject({
      method: 'DELETE',
      url: '/v1/users/me',
      headers: { authorization },
      payload: { password: 'my current passphrase' },
    });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(gateway.operationCalls()[0]).toMatchObject({
      subject: 'identity.user.delete',
      payload: { user_id: claims.sub, password: 'my current passphrase' },
    });
  });

  it('refuses to delete my account without my password, and deletes nothing', async () => {
    const { authorization } = await gateway.bearer();
    for (const payload of [undefined, {}, { password: '' }]) {
      const response = await gateway.app.inject({
        method: 'DELETE',
        url: '/v1/users/me',
        headers: { authorization },
        ...(payload === undefined ? {} : { payload }),
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('lists users for an admin with the list conventions', async () => {
    const { authorization } = await gateway.bearer('admin');
    const page = {
      data: [userOf(), userOf({ user_name: 'grace', email: 'grace@example.com' })],
      next_cursor: 'next',
    };
    await gateway.respond('identity.user.list', async () => page);
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/v1/users?limit=2&role=user&cursor=abc',
      headers: { authorization },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(page);
    expect(gateway.operationCalls()[0]?.payload).toEqual({ limit: 2, role: 'user', cursor: 'abc' });
  });

  it('finds one user for an admin by id, email or user name', async () => {
    const { authorization } = await gateway.bearer('admin');
    const user = userOf();
    await gateway.respond('identity.user.get', async () => user);
    for (const [query, key] of [
      [`id=${user.id}`, { id: user.id }],
      ['email=ada%40example.com', { email: 'ada@example.com' }],
      ['user_name=ada', { user_name: 'ada' }],
    ] as const) {
      const response = await gateway.app.inject({
        method: 'GET',
        url: `/v1/users/find?${query}`,
        headers: { authorization },
      });
      expect(response.statusCode, query).toBe(200);
      expect(response.json()).toEqual(user);
      expect(gateway.operationCalls().at(-1)?.payload).toEqual(key);
    }
  });

  it('answers 404 when identity finds no such user', async () => {
    const { authorization } = await gateway.bearer('admin');
    await gateway.respond('identity.user.get', async () => {
      throw new AppError('user_not_found', 'No such user.');
    });
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/v1/users/find?user_name=nobody',
      headers: { authorization },
    });
    expect(response.statusCode).toBe(404);
    expect(problemBody(response).code).toBe('user_not_found');
  });

  it('refuses the user list and lookup to a non-admin', async () => {
    const { authorization } = await gateway.bearer('user');
    for (const url of ['/v1/users', '/v1/users/find?user_name=ada']) {
      const response = await gateway.app.inject({ method: 'GET', url, headers: { authorization } });
      expect(response.statusCode, url).toBe(403);
    }
    expect(gateway.operationCalls()).toEqual([]);
  });
});
