import { Writable } from 'node:stream';
import { identityRequests } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, type IdentityHarness, newRegistration, startHarness } from './identity-harness.js';

/** Every line identity writes to its log, as written. */
const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});
let harness: IdentityHarness;

beforeAll(async () => {
  harness = await startHarness({}, capture);
});

afterAll(async () => {
  await harness.close();
});

describe(`no statement values in the log on ${testDatabaseLabel}`, () => {
  it('logs a failed insert of a user by its code, table and constraint, without the password hash, email or names', async () => {
    // Every new user now breaks a check constraint, so the insert itself fails.
    await sql`alter table users add constraint no_new_users check (user_name <> user_name) not valid`.execute(
      harness.database.db,
    );
    try {
      const body = newRegistration({ first_name: 'Zenobia', last_name: 'Quartermaine' });
      const failure = await failureOf(call(harness.client, identityRequests.register, body));
      expect(failure.code).toBe('internal');

      const failed = lines.filter((line) => line.includes('request handler failed'));
      expect(failed).toHaveLength(1);
      const entry = JSON.parse(failed[0] ?? '{}') as { err?: Record<string, unknown> };
      expect(entry.err).toMatchObject({ code: '23514', table: 'users', constraint: 'no_new_users' });
      const log = lines.join('\n');
      for (const secret of [
        body.password,
        '$argon2id$',
        body.email,
        body.user_name,
        'Zenobia',
        'Quartermaine',
      ]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await sql`alter table users drop constraint no_new_users`.execute(harness.database.db);
    }
  });

  it('logs a failed lookup without the email it looked for', async () => {
    await sql`alter table users rename to users_elsewhere`.execute(harness.database.db);
    try {
      const email = 'hidden.person@example.com';
      const failure = await failureOf(call(harness.client, identityRequests.getUser, { email }));
      expect(failure.code).toBe('internal');
      expect(lines.some((line) => line.includes('relation \\"users\\" does not exist'))).toBe(true);
      expect(lines.join('\n')).not.toContain(email);
    } finally {
      await sql`alter table users_elsewhere rename to users`.execute(harness.database.db);
    }
  });
});
