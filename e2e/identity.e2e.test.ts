import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient } from './support/http.js';
import { eventually, startTestSystem, systemLabel, type TestSystem } from './support/system.js';

let system: TestSystem;
let http: ReturnType<typeof httpClient>;
let counter = 0;

beforeAll(async () => {
  system = await startTestSystem();
  http = httpClient(system.url);
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

function newUser(overrides: Record<string, unknown> = {}) {
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

async function registerAndLogin(overrides: Record<string, unknown> = {}) {
  const body = newUser(overrides);
  const registered = await http('/v1/auth/register', { body });
  expect(registered.status).toBe(201);
  const login = await http('/v1/auth/login', { body: { login: body.user_name, password: body.password } });
  expect(login.status).toBe(200);
  return { user: registered.body, credentials: body, tokens: login.body };
}

function expectProblem(
  answer: { status: number; headers: Headers; body: Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status, code, type: `/problems/${code}` });
  expect(typeof answer.body.request_id).toBe('string');
}

describe(`identity through the gateway on ${systemLabel}`, () => {
  describe('registration', () => {
    it('registers a user and never returns the password', async () => {
      const body = newUser({ phone: '+14155550123' });
      const answer = await http('/v1/auth/register', { body });
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        first_name: 'Grace',
        user_name: body.user_name,
        email: body.email,
        phone: '+14155550123',
        role: 'user',
        two_factor_enabled: false,
      });
      expect(JSON.stringify(answer.body)).not.toContain(body.password);
      expect(answer.body).not.toHaveProperty('password_hash');
      await eventually(() =>
        system.events.find(
          (event) => event.type === 'identity.user.created' && event.subject === answer.body.id,
        ),
      );
    });

    it('refuses a user_name or email taken in another letter case', async () => {
      const first = newUser();
      expect((await http('/v1/auth/register', { body: first })).status).toBe(201);

      const sameName = await http('/v1/auth/register', {
        body: newUser({ user_name: first.user_name.toUpperCase() }),
      });
      expectProblem(sameName, 409, 'conflict');
      expect(sameName.body.errors).toEqual([expect.objectContaining({ path: 'user_name' })]);

      const sameEmail = await http('/v1/auth/register', {
        body: newUser({ email: first.email.toUpperCase() }),
      });
      expectProblem(sameEmail, 409, 'conflict');
      expect(sameEmail.body.errors).toEqual([expect.objectContaining({ path: 'email' })]);
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
      const byEmail = await http('/v1/auth/login', {
        body: { login: credentials.email.toUpperCase(), password: credentials.password },
      });
      expect(byEmail.status).toBe(200);
      expect(byEmail.body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
      const byName = await http('/v1/auth/login', {
        body: { login: credentials.user_name.toUpperCase(), password: credentials.password },
      });
      expect(byName.status).toBe(200);
    });

    it('refuses a wrong password and an unknown login alike', async () => {
      const { credentials } = await registerAndLogin();
      const wrong = await http('/v1/auth/login', {
        body: { login: credentials.user_name, password: 'not the password' },
      });
      expectProblem(wrong, 401, 'unauthenticated');
      const unknown = await http('/v1/auth/login', {
        body: { login: 'nobody_at_all', password: 'not the password' },
      });
      expectProblem(unknown, 401, 'unauthenticated');
      expect(unknown.body.detail).toBe(wrong.body.detail);
    });

    it('rotates refresh tokens and revokes the family when a rotated one comes back', async () => {
      const { tokens } = await registerAndLogin();
      const first = await http('/v1/auth/refresh', { body: { refresh_token: tokens.refresh_token } });
      expect(first.status).toBe(200);
      expect(first.body.refresh_token).not.toBe(tokens.refresh_token);

      const reused = await http('/v1/auth/refresh', { body: { refresh_token: tokens.refresh_token } });
      expectProblem(reused, 401, 'token_invalid');
      // The reuse revoked the whole family: the newest token is dead too.
      const newest = await http('/v1/auth/refresh', { body: { refresh_token: first.body.refresh_token } });
      expectProblem(newest, 401, 'token_invalid');
    });

    it('answers token_expired for an expired refresh token', async () => {
      const { tokens } = await registerAndLogin();
      const answer = await system.withClockAhead(2 * 3600 * 1000, () =>
        http('/v1/auth/refresh', { body: { refresh_token: tokens.refresh_token } }),
      );
      expectProblem(answer, 401, 'token_expired');
    });

    it('answers token_invalid for an unknown refresh token', async () => {
      expectProblem(
        await http('/v1/auth/refresh', { body: { refresh_token: 'made-up' } }),
        401,
        'token_invalid',
      );
    });

    it('logs out: the refresh family is revoked', async () => {
      const { tokens } = await registerAndLogin();
      expect((await http('/v1/auth/logout', { method: 'POST', token: tokens.access_token })).status).toBe(
        204,
      );
      expectProblem(
        await http('/v1/auth/refresh', { body: { refresh_token: tokens.refresh_token } }),
        401,
        'token_invalid',
      );
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
        http('/v1/auth/login', { body: { login: credentials.user_name, password: credentials.password } }),
      );
      expect(earlier.status).toBe(200);
      const expired = await http('/v1/users/me', { token: earlier.body.access_token });
      expectProblem(expired, 401, 'token_expired');
      expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
      const refreshed = await http('/v1/auth/refresh', {
        body: { refresh_token: earlier.body.refresh_token },
      });
      expect(refreshed.status).toBe(200);
    });
  });

  describe('two-factor login', () => {
    async function userWithTwoFactor() {
      const session = await registerAndLogin();
      const enabled = await http('/v1/users/me', {
        method: 'PATCH',
        token: session.tokens.access_token,
        body: { two_factor_enabled: true },
      });
      expect(enabled.status).toBe(200);
      expect(enabled.body.two_factor_enabled).toBe(true);
      return session;
    }

    async function challenge(credentials: { user_name: string; password: string }) {
      const answer = await http('/v1/auth/login', {
        body: { login: credentials.user_name, password: credentials.password },
      });
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ otp_required: true, challenge_id: expect.any(String) });
      const event = await eventually(() =>
        system.events.find(
          (candidate) =>
            candidate.type === 'identity.otp.requested' &&
            (candidate.data as { challenge_id: string }).challenge_id === answer.body.challenge_id,
        ),
      );
      return { challengeId: answer.body.challenge_id as string, code: (event.data as { code: string }).code };
    }

    const wrongCodeOf = (code: string) => (code === '000000' ? '111111' : '000000');

    it('answers a challenge, sends a code by email when there is no phone, and takes the code once', async () => {
      const { credentials } = await userWithTwoFactor();
      const { challengeId, code } = await challenge(credentials);
      const event = system.events.find(
        (candidate) => (candidate.data as { challenge_id?: string }).challenge_id === challengeId,
      );
      expect(event?.data).toMatchObject({ channel: 'email', to: credentials.email });

      const verified = await http('/v1/auth/otp/verify', { body: { challenge_id: challengeId, code } });
      expect(verified.status).toBe(200);
      expect(verified.body.token_type).toBe('Bearer');
      expect((await http('/v1/users/me', { token: verified.body.access_token })).status).toBe(200);

      const again = await http('/v1/auth/otp/verify', { body: { challenge_id: challengeId, code } });
      expectProblem(again, 401, 'otp_expired');
    });

    it('refuses a wrong code, and after five wrong tries even the right one', async () => {
      const { credentials } = await userWithTwoFactor();
      const { challengeId, code } = await challenge(credentials);
      for (let attempt = 1; attempt <= 4; attempt++) {
        const wrong = await http('/v1/auth/otp/verify', {
          body: { challenge_id: challengeId, code: wrongCodeOf(code) },
        });
        expectProblem(wrong, 401, 'otp_invalid');
      }
      const fifth = await http('/v1/auth/otp/verify', {
        body: { challenge_id: challengeId, code: wrongCodeOf(code) },
      });
      expect(fifth.status).toBe(401);
      expect(['otp_invalid', 'otp_exhausted']).toContain(fifth.body.code);
      const right = await http('/v1/auth/otp/verify', { body: { challenge_id: challengeId, code } });
      expectProblem(right, 401, 'otp_exhausted');
    });

    it('refuses a code after five minutes', async () => {
      const { credentials } = await userWithTwoFactor();
      const { challengeId, code } = await challenge(credentials);
      const late = await system.withClockAhead(5 * 60 * 1000 + 1_000, () =>
        http('/v1/auth/otp/verify', { body: { challenge_id: challengeId, code } }),
      );
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
      const me = await http('/v1/users/me', { token: tokens.access_token });
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(user.id);

      const updated = await http('/v1/users/me', {
        method: 'PATCH',
        token: tokens.access_token,
        body: { first_name: 'Amazing', phone: '+447700900123', current_password: credentials.password },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ first_name: 'Amazing', phone: '+447700900123' });
      await eventually(() =>
        system.events.find((event) => event.type === 'identity.user.updated' && event.subject === user.id),
      );
    });

    it('refuses to take another user’s email, and an empty or unknown change', async () => {
      const first = await registerAndLogin();
      const second = await registerAndLogin();
      const taken = await http('/v1/users/me', {
        method: 'PATCH',
        token: second.tokens.access_token,
        body: { email: first.credentials.email.toUpperCase(), current_password: second.credentials.password },
      });
      expectProblem(taken, 409, 'conflict');
      expect(taken.body.errors).toEqual([
        { path: 'email', message: 'This email is already taken: choose another.' },
      ]);
      expectProblem(
        await http('/v1/users/me', { method: 'PATCH', token: second.tokens.access_token, body: {} }),
        400,
        'validation_failed',
      );
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
      const without = await http('/v1/users/me', {
        method: 'PATCH',
        token: tokens.access_token,
        body: { password: 'a brand new password' },
      });
      expectProblem(without, 400, 'validation_failed');
      const wrong = await http('/v1/users/me', {
        method: 'PATCH',
        token: tokens.access_token,
        body: { password: 'a brand new password', current_password: 'not the password' },
      });
      expectProblem(wrong, 401, 'unauthenticated');
      const changed = await http('/v1/users/me', {
        method: 'PATCH',
        token: tokens.access_token,
        body: { password: 'a brand new password', current_password: credentials.password },
      });
      expect(changed.status).toBe(200);
      expectProblem(
        await http('/v1/auth/login', {
          body: { login: credentials.user_name, password: credentials.password },
        }),
        401,
        'unauthenticated',
      );
      expect(
        (
          await http('/v1/auth/login', {
            body: { login: credentials.user_name, password: 'a brand new password' },
          })
        ).status,
      ).toBe(200);
    });

    it('deletes the own profile: login fails and the user_name is free again', async () => {
      const { tokens, credentials, user } = await registerAndLogin();
      const wrong = await http('/v1/users/me', {
        method: 'DELETE',
        token: tokens.access_token,
        body: { password: 'not the password' },
      });
      expectProblem(wrong, 401, 'unauthenticated');
      const deleted = await http('/v1/users/me', {
        method: 'DELETE',
        token: tokens.access_token,
        body: { password: credentials.password },
      });
      expect(deleted.status).toBe(204);
      expectProblem(
        await http('/v1/auth/login', {
          body: { login: credentials.user_name, password: credentials.password },
        }),
        401,
        'unauthenticated',
      );
      // The profile is gone at once (404), and the token itself is refused (401) once the
      // gateway has learnt that the session ended, within a second.
      const me = await http('/v1/users/me', { token: tokens.access_token });
      expect([401, 404]).toContain(me.status);
      await eventually(() =>
        system.events.find((event) => event.type === 'identity.user.deleted' && event.subject === user.id),
      );
      const again = await http('/v1/auth/register', { body: newUser({ user_name: credentials.user_name }) });
      expect(again.status).toBe(201);
    });
  });

  describe('administration', () => {
    async function adminToken() {
      const login = await http('/v1/auth/login', {
        body: { login: system.admin.email, password: system.admin.password },
      });
      expect(login.status).toBe(200);
      return login.body.access_token as string;
    }

    it('refuses admin routes to a user', async () => {
      const { tokens } = await registerAndLogin();
      expectProblem(await http('/v1/users', { token: tokens.access_token }), 403, 'forbidden');
      expectProblem(
        await http(`/v1/users/find?user_name=admin`, { token: tokens.access_token }),
        403,
        'forbidden',
      );
    });

    it('lists users with filters and cursor pagination, newest first', async () => {
      const token = await adminToken();
      const family = `fam${Date.now().toString(36)}`;
      const created: string[] = [];
      for (let index = 0; index < 5; index++) {
        const answer = await http('/v1/auth/register', {
          body: newUser({ last_name: `${family}-${index}`, user_name: `${family}_${index}` }),
        });
        created.push(answer.body.id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({
          last_name: family.toUpperCase(),
          limit: '2',
          ...(cursor ? { cursor } : {}),
        });
        const page = await http(`/v1/users?${query}`, { token });
        expect(page.status).toBe(200);
        expect(page.body.data.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.data.map((user: { id: string }) => user.id));
        cursor = page.body.next_cursor;
      } while (cursor);
      expect(seen).toEqual([...created].reverse());

      const admins = await http('/v1/users?role=admin', { token });
      expect(admins.body.data.map((user: { user_name: string }) => user.user_name)).toContain('admin');
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
        `id=${user.id}`,
        `email=${encodeURIComponent(credentials.email.toUpperCase())}`,
        `user_name=${credentials.user_name}`,
      ]) {
        const answer = await http(`/v1/users/find?${query}`, { token });
        expect(answer.status).toBe(200);
        expect(answer.body.id).toBe(user.id);
      }
      expectProblem(await http('/v1/users/find?user_name=nobody_here', { token }), 404, 'user_not_found');
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
      expect((await http('/healthz')).status).toBe(200);
      const ready = await http('/readyz');
      expect(ready.status).toBe(200);
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
