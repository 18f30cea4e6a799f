import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeFailure } from './bus/delivery.js';
import { createLogger, printableError, serializeError } from './logger.js';

/** An error shaped as database drivers throw them: node-pg's fields plus the `params` others attach. */
function databaseError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

function loggedLines() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'test', destination }) };
}

describe('error serializer', () => {
  const uniqueViolation = () =>
    databaseError('duplicate key value violates unique constraint "users_email_key"', {
      code: '23505',
      severity: 'ERROR',
      detail: 'Key (lower(email))=(ada@example.com) already exists.',
      where: 'SQL statement "insert into users values (\'ada@example.com\')"',
      internalQuery: "insert into users values ('ada@example.com')",
      schema: 'public',
      table: 'users',
      column: 'email',
      constraint: 'users_email_key',
      query: 'insert into "users" ("email", "password_hash") values ($1, $2)',
      params: ['ada@example.com', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA'],
      parameters: ['ada@example.com'],
      values: ['ada@example.com'],
      bindings: ['ada@example.com'],
      queryOptions: { rowMode: 'object' },
    });

  it('keeps what names the failure and drops every field carrying a statement value', () => {
    const serialized = serializeError(uniqueViolation());
    expect(serialized).toMatchObject({
      type: 'Error',
      message: 'duplicate key value violates unique constraint "users_email_key"',
      code: '23505',
      severity: 'ERROR',
      schema: 'public',
      table: 'users',
      column: 'email',
      constraint: 'users_email_key',
      query: 'insert into "users" ("email", "password_hash") values ($1, $2)',
    });
    expect(JSON.stringify(serialized)).not.toMatch(/ada@example\.com|argon2id|rowMode/);
  });

  it('drops them from an error logged under err, or logged alone', () => {
    const { lines, logger } = loggedLines();
    logger.error({ err: uniqueViolation() }, 'request handler failed');
    logger.error(uniqueViolation());
    logger.warn({ error: uniqueViolation() }, 'logged under error');
    logger.warn({ error: 'a plain description' }, 'a description under error');
    expect(lines).toHaveLength(4);
    expect(lines[2]?.error).toMatchObject({ code: '23505', constraint: 'users_email_key' });
    expect(lines[3]?.error).toBe('a plain description');
    expect(lines[0]?.err).toMatchObject({ code: '23505', constraint: 'users_email_key' });
    expect(lines[1]?.err).toMatchObject({ code: '23505', constraint: 'users_email_key' });
    expect(JSON.stringify(lines)).not.toMatch(/ada@example\.com|argon2id/);
  });

  it('drops them from an error nested in another, and from the errors of an AggregateError', () => {
    const { lines, logger } = loggedLines();
    const wrapped = Object.assign(new Error('setting up failed'), { failure: uniqueViolation() });
    logger.error({ err: wrapped }, 'wrapped');
    logger.error({ err: new AggregateError([uniqueViolation()], 'both failed') }, 'aggregate');
    logger.error({ err: new Error('outer', { cause: uniqueViolation() }) }, 'caused');
    expect(lines).toHaveLength(3);
    expect(JSON.stringify(lines)).not.toMatch(/ada@example\.com|argon2id/);
    expect(lines[0]?.err).toMatchObject({ failure: { constraint: 'users_email_key' } });
  });

  it.each([
    [
      'invalid input syntax for type uuid: "4111 1111 1111 1111"',
      'invalid input syntax for type uuid: [redacted]',
    ],
    [
      'invalid input value for enum role: "4111 1111 1111 1111"',
      'invalid input value for enum role: [redacted]',
    ],
    [
      'value "41111111111111111" is out of range for type integer',
      'value [redacted] is out of range for type integer',
    ],
    ['date/time field value out of range: "4111-11-11"', 'date/time field value out of range: [redacted]'],
  ])('keeps the refused value out of the message %j', (message, expected) => {
    const serialized = serializeError(databaseError(message, { code: '22P02' })) as Record<string, string>;
    expect(serialized.message).toBe(expected);
    expect(serialized.stack).not.toContain('4111');
  });

  it('passes anything but an error through as it is', () => {
    expect(serializeError('a plain string')).toBe('a plain string');
    expect(serializeError({ code: 'x' })).toEqual({ code: 'x' });
  });
});

describe('a failure described for dead letters', () => {
  it('leaves out the value a database refused', () => {
    expect(describeFailure(new Error('invalid input syntax for type uuid: "ada@example.com"'))).toBe(
      'invalid input syntax for type uuid: [redacted]',
    );
  });
});

describe('an error printed by a process that cannot start', () => {
  it('shows the messages and stacks of the error and its causes, without the statement values', () => {
    const cause = Object.assign(new Error('new row for relation "users" violates check constraint "x"'), {
      code: '23514',
      detail: 'Failing row contains (ada@example.com, $argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA).',
      params: ['ada@example.com', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA'],
    });
    const printed = printableError(new Error('identity: cannot set up the bootstrap admin', { cause }));
    expect(printed).toContain('identity: cannot set up the bootstrap admin');
    expect(printed).toContain('violates check constraint "x"');
    expect(printed).not.toMatch(/ada@example\.com|argon2id/);
  });

  it('prints anything else as text', () => {
    expect(printableError('invalid input syntax for type uuid: "ada@example.com"')).toBe(
      'invalid input syntax for type uuid: [redacted]',
    );
  });
});
