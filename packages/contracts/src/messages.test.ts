import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { amountMinor, uuid } from './common.js';

/** The message zod gives the first issue of `value` under `schema`. */
function messageOf(schema: z.ZodType, value: unknown): string | undefined {
  return schema.safeParse(value).error?.issues[0]?.message;
}

describe('plain messages for schemas without their own', () => {
  it('says what a field must be, in a sentence', () => {
    expect(messageOf(z.object({ name: z.string() }), {})).toBe('Is required.');
    expect(messageOf(z.string(), 42)).toBe('Must be text.');
    expect(messageOf(z.number().int(), 1.5)).toBe('Must be a whole number.');
    expect(messageOf(z.boolean(), 'yes')).toBe('Must be true or false.');
    expect(messageOf(z.enum(['in', 'out']), 'sideways')).toBe('Must be one of "in" or "out".');
    expect(messageOf(z.string().min(1), '')).toBe('Must not be empty.');
    expect(messageOf(z.string().max(3), 'abcd')).toBe('Must be at most 3 characters.');
    expect(messageOf(z.number().max(100), 101)).toBe('Must be at most 100.');
    expect(messageOf(z.number().positive(), 0)).toBe('Must be greater than 0.');
    expect(messageOf(z.array(z.string()).min(1), [])).toBe('Must hold at least one item.');
    expect(messageOf(z.email(), 'ada')).toBe('Must be an email address, such as ada@example.com.');
    expect(messageOf(z.object({}).strict(), { x: 1 })).toBe('Unknown field `x`.');
  });

  it('leaves a schema’s own message first', () => {
    expect(messageOf(uuid, 'abc')).toBe('must be a UUID, such as 0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01');
    expect(messageOf(amountMinor, 10.5)).toBe(
      'must be a whole number of minor units (cents), such as 1050 for 10.50',
    );
  });
});
