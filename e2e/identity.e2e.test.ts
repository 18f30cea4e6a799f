import type { Schema } from '@moneypal/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, apiOf, type HttpAnswer, httpClient } from './support/http.js';
import { logIn } from './support/people.js';
import { eventually, startTestSystem, systemLabel, type TestSystem } from './support/system.js';

let system: TestSystem;
let api: Api;
/** For what the typed client cannot send: bad bodies, bad tokens, bad query strings. */
let http: ReturnType<typeof httpClient>;
let counter = 0;

beforeAll(async () => {
  system = await startTestSystem();
  api = apiOf(system.url);
  http = httpClient(system.url);
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

function newUser(overrides: Partial<Schema<'RegisterRequest'>> = {}): Schema<'RegisterRequest'> {
  counter += 1;
  const tag = `${Date.now().toString(36)}${counter}`;
  return {
    first_name: 'Grace',
    last_name: 'Hopper',
    user_name: `grace_${tag}`,
    email: `grace.${tag}@example.com`,
    password: 'a long enough password',
    ...overrides,
  };
}

/** The tokens of a login that needs no one-time code. */
async function tokensOf(login: string, password: string) {
  const answer = await api().POST('/v1/auth/login', { body: { login, password } });
  expect(answer.response.status, JSON.stringify(answer.error)).toBe(200);
  if (answer.data === undefined || !('access_token' in answer.data))
    throw new Error('no tokens in the answer');
  return answer.data;
}

async function registerAndLogin(overrides: Partial<Schema<'RegisterRequest'>> = {}) {
  const body = newUser(overrides);
  const registered = await api().POST('/v1/auth/register', { body });
  expect(registered.response.status).toBe(201);
  const tokens = await tokensOf(body.user_name, body.password);
  return { user: registered.data!, credentials: body, tokens };
}

/** Asserts a problem answer, typed or raw: its status, media type, code, type and request id. */
function expectProblem(
  answer: { response: Response; error?: unknown } | HttpAnswer,
  status: number,
  code: string,
) {
  const [response, body] = 'response' in answer ? [answer.response, answer.error] : [answer, answer.body];
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(body).toMatchObject({ status, code, type: `/problems/${code}` });
  expect(typeof (body as { request_id?: unknown }).request_id).toBe('string');
}

const refresh = (refreshToken: string) =>
  api().POST('/v1/auth/refresh', { body: { refresh_token: refreshToken } });
const verifyOtp = (challengeId: string, code: string) =>
  api().POST('/v1/auth/otp/verify', { body: { challenge_id: challengeId, code } });
const login = (login: string, password: string) =>
  api().POST('/v1/auth/login', { body: { login, password } });
const changeMe = (token: string, body: Schema<'UpdateMeRequest'>) =>
  api(token).PATCH('/v1/users/me', { body });

describe(`identity through the gateway on ${systemLabel}`, () => {
  describe('registration', () => {
    it('registers a user and never returns the password', async () => {
      const body = newUser({ phone: '+14155550123' });
      const answer = await api().POST('/v1/auth/register', { body });
      expect(answer.response.status).toBe(201);
      expect(answer.data).toMatchObject({
        first_name: 'Grace',
        user_name: body.user_name,
        email: body.email,
        phone: '+14155550123',
        role: 'user',
        two_factor_enabled: false,
      });
      expect(JSON.stringify(answer.data)).not.toContain(body.password);
      expect(answer.data).not.toHaveProperty('password_hash');
      await eventually(() =>
        system.events.find(
          (event) => event.type === 'identity.user.created' && event.subject === answer.data!.id,
        ),
      );
    });

    it('refuses a user_name or email taken in another letter case', async () => {
      const first = newUser();
      const register = (body: Schema<'RegisterRequest'>) => api().POST('/v1/auth/register', { body });
      expect((await register(first)).response.status).toBe(201);

      const sameName = await register(newUser({ user_name: first.user_name.toUpperCase() }));
      expectProblem(sameName, 409, 'conflict');
      expect(sameName.error?.errors).toEqual([expect.objectContaining({ path: 'user_name' })]);

      const sameEmail = await register(newUser({ email: first.email.toUpperCase() }));
      expectProblem(sameEmail, 409, 'conflict');
      expect(sameEmail.error?.errors).toEqual([expect.objectContaining({ path: 'email' })]);
    });

    it('refuses bad input of every shape with field errors', async () => {
      const cases: unknown[] = [
        { ...newUser(), email: 'not-an-email' },
        { ...newUser(), password: 'short' },
        { ...newUser(), user_name: 'has space' },
        { ...newUser(), first_name: 42 },
        { ...newUser(), phone: '555' },
        { ...newUser(), is_admin: true },
        { ...newUser(), role: 'admin' },
        [],
        'text',
        null,
      ];
      for (const body of cases) {
        const answer = await http('/v1/auth/register', { body });
        expectProblem(answer, 400, 'validation_failed');
      }
      const missing = await http('/v1/auth/register', { body: { first_name: 'Only' } });
      expectProblem(missing, 400, 'validation_failed');
      expect(missing.body.errors.map((error: { path: string }) => error.path)).toEqual(
        expect.arrayContaining(['last_name', 'user_name', 'email', 'password']),
      );
    });

    it('answers broken JSON, a wrong content type and a huge body with a 4xx problem', async () => {
      expectProblem(
        await http('/v1/auth/register', { rawBody: '{"first_name": "Ada",' }),
        400,
        'validation_failed',
      );
      expectProblem(await http('/v1/auth/register', { rawBody: '' }), 400, 'validation_failed');
      expectProblem(
        await http('/v1/auth/register', {
          rawBody: 'first_name=Ada',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
        'unsupported_media_type',
      );
      const huge = JSON.stringify({ ...newUser(), first_name: 'x'.repeat(200_000) });
      expectProblem(await http('/v1/auth/register', { rawBody: huge }), 413, 'payload_too_large');
    });
  });

  describe('login and tokens', () => {
    it('logs in with the user_name or the email in any letter case', async () => {
      const { credentials } = await registerAndLogin();
      const byEmail = await login(credentials.email.toUpperCase(), credentials.password);
      expect(byEmail.response.status).toBe(200);
      expect(byEmail.data).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
      const byName = await login(credentials.user_name.toUpperCase(), credentials.password);
      expect(byName.response.status).toBe(200);
    });

    it('refuses a wrong password and an unknown login alike', async () => {
      const { credentials } = await registerAndLogin();
      const wrong = await login(credentials.user_name, 'not the password');
      expectProblem(wrong, 401, 'unauthenticated');
      const unknown = await login('nobody_at_all', 'not the password');
      expectProblem(unknown, 401, 'unauthenticated');
      expect(unknown.error?.detail).toBe(wrong.error!.detail);
    });

    it('rotates refresh tokens and revokes the family when a rotated one comes back', async () => {
      const { tokens } = await registerAndLogin();
      const first = await refresh(tokens.refresh_token);
      expect(first.response.status).toBe(200);
      expect(first.data?.refresh_token).not.toBe(tokens.refresh_token);

      const reused = await refresh(tokens.refresh_token);
      expectProblem(reused, 401, 'token_invalid');
      // The reuse revoked the whole family: the newest token is dead too.
      const newest = await refresh(first.data!.refresh_token);
      expectProblem(newest, 401, 'token_invalid');
    });

    it('answers token_expired for an expired refresh token', async () => {
      const { tokens } = await registerAndLogin();
      const answer = await system.withClockAhead(2 * 3600 * 1000, () => refresh(tokens.refresh_token));
      expectProblem(answer, 401, 'token_expired');
    });

    it('answers token_invalid for an unknown refresh token', async () => {
      expectProblem(await refresh('made-up'), 401, 'token_invalid');
    });

    it('logs out: the refresh family is revoked', async () => {
      const { tokens } = await registerAndLogin();
      expect((await api(tokens.access_token).POST('/v1/auth/logout')).response.status).toBe(204);
      expectProblem(await refresh(tokens.refresh_token), 401, 'token_invalid');
    });

    it('refuses protected routes without a valid access token', async () => {
      expectProblem(await http('/v1/users/me'), 401, 'unauthenticated');
      expectProblem(await http('/v1/users/me', { token: 'not.a.jwt' }), 401, 'token_invalid');
      const { tokens } = await registerAndLogin();
      const [header, payload] = tokens.access_token.split('.');
      const forged = `${header}.${payload}.${Buffer.from('forged').toString('base64url')}`;
      expectProblem(await http('/v1/users/me', { token: forged }), 401, 'token_invalid');
    });

    it('answers token_expired for an access token past its expiry, so the client refreshes', async () => {
      const { credentials } = await registerAndLogin();
      // Identity issues the token as if 20 minutes ago: it expired 5 minutes ago.
      const earlier = await system.withClockAhead(-20 * 60 * 1000, () =>
        tokensOf(credentials.user_name, credentials.password),
      );
      const expired = await api(earlier.access_token).GET('/v1/users/me');
      expectProblem(expired, 401, 'token_expired');
      expect(expired.response.headers.get('www-authenticate')).toContain('error="invalid_token"');
      const refreshed = await refresh(earlier.refresh_token);
      expect(refreshed.response.status).toBe(200);
    });
  });

  describe('two-factor login', () => {
    async function userWithTwoFactor() {
      const session = await registerAndLogin();
      const enabled = await changeMe(session.tokens.access_token, { two_factor_enabled: true });
      expect(enabled.response.status).toBe(200);
      expect(enabled.data?.two_factor_enabled).toBe(true);
      return session;
    }

    async function challenge(credentials: { user_name: string; password: string }) {
      const answer = await login(credentials.user_name, credentials.password);
      expect(answer.response.status).toBe(202);
      expect(answer.data).toEqual({ otp_required: true, challenge_id: expect.any(String) });
      if (answer.data === undefined || !('challenge_id' in answer.data)) throw new Error('no challenge');
      const challengeId = answer.data.challenge_id;
      const event = await eventually(() =>
        system.events.find(
          (candidate) =>
            candidate.type === 'identity.otp.requested' &&
            (candidate.data as { challenge_id: string }).challenge_id === challengeId,
        ),
      );
      return { challengeId, code: (event.data as { code: string }).code };
    }

    const wrongCodeOf = (code: string) => (code === '000000' ? '111111' : '000000');

    it('answers a challenge, sends a code by email when there is no phone, and takes the code once', async () => {
      const { credentials } = await userWithTwoFactor();
      const { challengeId, code } = await challenge(credentials);
      const event = system.events.find(
        (candidate) => (candidate.data as { challenge_id?: string }).challenge_id === challengeId,
      );
      expect(event?.data).toMatchObject({ channel: 'email', to: credentials.email });

      const verified = await verifyOtp(challengeId, code);
      expect(verified.response.status).toBe(200);
      expect(verified.data?.token_type).toBe('Bearer');
      expect((await api(verified.data!.access_token).GET('/v1/users/me')).response.status).toBe(200);

      const again = await verifyOtp(challengeId, code);
      expectProblem(again, 401, 'otp_expired');
    });

    it('refuses a wrong code, and after five wrong tries even the right one', async () => {
      const { credentials } = await userWithTwoFactor();
      const { challengeId, code } = await challenge(credentials);
      for (let attempt = 1; attempt <= 4; attempt++) {
        const wrong = await verifyOtp(challengeId, wrongCodeOf(code));
        expectProblem(wrong, 401, 'otp_invalid');
      }
      const fifth = await verifyOtp(challengeId, wrongCodeOf(code));
      expect(fifth.response.status).toBe(401);
      expect(['otp_invalid', 'otp_exhausted']).toContain(fifth.error?.code);
      const right = await verifyOtp(challengeId, code);
      expectProblem(right, 401, 'otp_exhausted');
    });

    it('refuses a code after five minutes', async () => {
      const { credentials } = await userWithTwoFactor();
      const { challengeId, code } = await challenge(credentials);
      const late = await system.withClockAhead(5 * 60 * 1000 + 1_000, () => verifyOtp(challengeId, code));
      expectProblem(late, 401, 'otp_expired');
    });

    it('refuses malformed codes and challenge ids without touching the challenge', async () => {
      expectProblem(
        await http('/v1/auth/otp/verify', { body: { challenge_id: 'nope', code: '123456' } }),
        400,
        'validation_failed',
      );
      expectProblem(
        await http('/v1/auth/otp/verify', {
          body: { challenge_id: '0190b6a4-0000-7000-8000-000000000000', code: '12345' },
        }),
        400,
        'validation_failed',
      );
    });
  });

  describe('own profile', () => {
    it('reads and updates the own profile', async () => {
      const { tokens, user, credentials } = await registerAndLogin();
      const me = await api(tokens.access_token).GET('/v1/users/me');
      expect(me.response.status).toBe(200);
      expect(me.data?.id).toBe(user.id);

      const updated = await changeMe(tokens.access_token, {
        first_name: 'Amazing',
        phone: '+447700900123',
        current_password: credentials.password,
      });
      expect(updated.response.status).toBe(200);
      expect(updated.data).toMatchObject({ first_name: 'Amazing', phone: '+447700900123' });
      await eventually(() =>
        system.events.find((event) => event.type === 'identity.user.updated' && event.subject === user.id),
      );
    });

    it('refuses to take another user’s email, and an empty or unknown change', async () => {
      const first = await registerAndLogin();
      const second = await registerAndLogin();
      const taken = await changeMe(second.tokens.access_token, {
        email: first.credentials.email.toUpperCase(),
        current_password: second.credentials.password,
      });
      expectProblem(taken, 409, 'conflict');
      expect(taken.error?.errors).toEqual([
        { path: 'email', message: 'This email is already taken: choose another.' },
      ]);
      expectProblem(await changeMe(second.tokens.access_token, {}), 400, 'validation_failed');
      expectProblem(
        await http('/v1/users/me', {
          method: 'PATCH',
          token: second.tokens.access_token,
          body: { role: 'admin' },
        }),
        400,
        'validation_failed',
      );
    });

    it('changes the password only with the current one', async () => {
      const { tokens, credentials } = await registerAndLogin();
      const without = await changeMe(tokens.access_token, { password: 'a brand new password' });
      expectProblem(without, 400, 'validation_failed');
      const wrong = await changeMe(tokens.access_token, {
        password: 'a brand new password',
        current_password: 'not the password',
      });
      expectProblem(wrong, 401, 'unauthenticated');
      const changed = await changeMe(tokens.access_token, {
        password: 'a brand new password',
        current_password: credentials.password,
      });
      expect(changed.response.status).toBe(200);
      expectProblem(await login(credentials.user_name, credentials.password), 401, 'unauthenticated');
      expect((await login(credentials.user_name, 'a brand new password')).response.status).toBe(200);
    });

    it('deletes the own profile: login fails and the user_name is free again', async () => {
      const { tokens, credentials, user } = await registerAndLogin();
      const deleteMe = (password: string) =>
        api(tokens.access_token).DELETE('/v1/users/me', { body: { password } });
      const wrong = await deleteMe('not the password');
      expectProblem(wrong, 401, 'unauthenticated');
      const deleted = await deleteMe(credentials.password);
      expect(deleted.response.status).toBe(204);
      expectProblem(await login(credentials.user_name, credentials.password), 401, 'unauthenticated');
      // The profile is gone at once (404), and the token itself is refused (401) once the
      // gateway has learnt that the session ended, within a second.
      const me = await api(tokens.access_token).GET('/v1/users/me');
      expect([401, 404]).toContain(me.response.status);
      await eventually(() =>
        system.events.find((event) => event.type === 'identity.user.deleted' && event.subject === user.id),
      );
      const again = await api().POST('/v1/auth/register', {
        body: newUser({ user_name: credentials.user_name }),
      });
      expect(again.response.status).toBe(201);
    });
  });

  describe('administration', () => {
    const adminToken = () => logIn(api, system.admin.email, system.admin.password);

    it('refuses admin routes to a user', async () => {
      const { tokens } = await registerAndLogin();
      expectProblem(await api(tokens.access_token).GET('/v1/users'), 403, 'forbidden');
      expectProblem(
        await api(tokens.access_token).GET('/v1/users/find', { params: { query: { user_name: 'admin' } } }),
        403,
        'forbidden',
      );
    });

    it('lists users with filters and cursor pagination, newest first', async () => {
      const token = await adminToken();
      const family = `fam${Date.now().toString(36)}`;
      const created: string[] = [];
      for (let index = 0; index < 5; index++) {
        const answer = await api().POST('/v1/auth/register', {
          body: newUser({ last_name: `${family}-${index}`, user_name: `${family}_${index}` }),
        });
        created.push(answer.data!.id);
      }
      const seen: string[] = [];
      const pageAfter = (cursor: string | null) =>
        api(token).GET('/v1/users', {
          params: { query: { last_name: family.toUpperCase(), limit: 2, ...(cursor ? { cursor } : {}) } },
        });
      let cursor: string | null = null;
      do {
        const page = await pageAfter(cursor);
        expect(page.response.status).toBe(200);
        expect(page.data!.data.length).toBeLessThanOrEqual(2);
        seen.push(...page.data!.data.map((user) => user.id));
        cursor = page.data!.next_cursor;
      } while (cursor);
      expect(seen).toEqual([...created].reverse());

      const admins = await api(token).GET('/v1/users', { params: { query: { role: 'admin' } } });
      expect(admins.data?.data.map((user) => user.user_name)).toContain('admin');
    });

    it('refuses bad list parameters', async () => {
      const token = await adminToken();
      expectProblem(await http('/v1/users?limit=0', { token }), 400, 'validation_failed');
      expectProblem(await http('/v1/users?limit=101', { token }), 400, 'validation_failed');
      expectProblem(await http('/v1/users?limit=abc', { token }), 400, 'validation_failed');
      expectProblem(await http('/v1/users?cursor=%21%21%21', { token }), 400, 'validation_failed');
      expectProblem(await http('/v1/users?colour=blue', { token }), 400, 'validation_failed');
      expectProblem(await http('/v1/users?id=not-a-uuid', { token }), 400, 'validation_failed');
    });

    it('finds one user by id, email or user_name, and answers 404 for nobody', async () => {
      const token = await adminToken();
      const { user, credentials } = await registerAndLogin();
      for (const query of [
        { id: user.id },
        { email: credentials.email.toUpperCase() },
        { user_name: credentials.user_name },
      ]) {
        const answer = await api(token).GET('/v1/users/find', { params: { query } });
        expect(answer.response.status).toBe(200);
        expect(answer.data?.id).toBe(user.id);
      }
      expectProblem(
        await api(token).GET('/v1/users/find', { params: { query: { user_name: 'nobody_here' } } }),
        404,
        'user_not_found',
      );
      expectProblem(
        await http(`/v1/users/find?id=${user.id}&user_name=x`, { token }),
        400,
        'validation_failed',
      );
      expectProblem(await http('/v1/users/find', { token }), 400, 'validation_failed');
    });
  });

  describe('platform', () => {
    it('is live and ready, and publishes its API document and metrics', async () => {
      expect((await api().GET('/healthz')).response.status).toBe(200);
      const ready = await api().GET('/readyz');
      expect(ready.response.status).toBe(200);
      const openapi = await http('/api/openapi.json');
      expect(openapi.body.openapi).toMatch(/^3\.1/);
      expect(Object.keys(openapi.body.paths)).toEqual(
        expect.arrayContaining(['/v1/auth/register', '/v1/users/me']),
      );
      const docs = await fetch(`${system.url}/api/docs`);
      expect(docs.status).toBe(200);
      const metrics = await fetch(`${system.url}/metrics`);
      expect(await metrics.text()).toContain('http_requests_total');
    });

    it('answers unknown routes with a problem', async () => {
      expectProblem(await http('/v1/nothing-here'), 404, 'not_found');
    });
  });
});
