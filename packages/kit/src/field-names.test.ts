import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrorsOf, sentenceOf } from './errors.js';
import { fieldNamesAt, suggestedFieldOf, unknownFieldMessageOf } from './field-names.js';

const transfer = z
  .object({
    from_wallet_id: z.string(),
    to_wallet_id: z.string().optional(),
    to_user: z.string().optional(),
    amount: z.number(),
    description: z.string().optional(),
    metadata: z.record(z.string(), z.string()).optional(),
  })
  .strict();

describe('suggestedFieldOf', () => {
  const fields = Object.keys(transfer.shape);

  it('suggests the field a common synonym means', () => {
    expect(suggestedFieldOf('note', fields)).toBe('description');
    expect(suggestedFieldOf('memo', fields)).toBe('description');
    expect(suggestedFieldOf('message', fields)).toBe('description');
    expect(suggestedFieldOf('to', fields)).toBe('to_user');
    expect(suggestedFieldOf('recipient', fields)).toBe('to_user');
    expect(suggestedFieldOf('value', fields)).toBe('amount');
    expect(suggestedFieldOf('sum', fields)).toBe('amount');
    expect(suggestedFieldOf('wallet', ['wallet_id', 'amount'])).toBe('wallet_id');
  });

  it('suggests only a synonym the request has', () => {
    expect(suggestedFieldOf('note', ['amount', 'reason'])).toBe('reason');
    expect(suggestedFieldOf('note', ['amount', 'receiver'])).toBeUndefined();
  });

  it('suggests a close spelling, another letter case or another word separator', () => {
    expect(suggestedFieldOf('amout', fields)).toBe('amount');
    expect(suggestedFieldOf('descripton', fields)).toBe('description');
    expect(suggestedFieldOf('Amount', fields)).toBe('amount');
    expect(suggestedFieldOf('fromWalletId', fields)).toBe('from_wallet_id');
    expect(suggestedFieldOf('to-user', fields)).toBe('to_user');
  });

  it('suggests nothing for a name far from every field, nor for a prototype name', () => {
    expect(suggestedFieldOf('colour', fields)).toBeUndefined();
    expect(suggestedFieldOf('__proto__', fields)).toBeUndefined();
    expect(suggestedFieldOf('constructor', fields)).toBeUndefined();
    expect(suggestedFieldOf('toString', fields)).toBeUndefined();
    expect(suggestedFieldOf('amount', [])).toBeUndefined();
  });
});

describe('unknownFieldMessageOf', () => {
  it('names the field and the one meant', () => {
    expect(unknownFieldMessageOf('note', ['amount', 'description'])).toBe(
      'Unknown field `note`. Did you mean `description`?',
    );
    expect(unknownFieldMessageOf('sort', ['from', 'to'], 'parameter')).toBe(
      'Unknown parameter `sort`. Remove it: this request takes `from` and `to`.',
    );
    expect(unknownFieldMessageOf('x', [])).toBe(
      'Unknown field `x`. Remove it: the API docs list the fields this request takes.',
    );
  });
});

describe('fieldNamesAt', () => {
  it('reads the fields of an object through wrappers, arrays and unions', () => {
    const batch = z
      .object({ transfers: z.array(transfer).min(1), atomic: z.boolean().default(false) })
      .strict()
      .refine(() => true);
    expect(fieldNamesAt(batch, [])).toEqual(['transfers', 'atomic']);
    expect(fieldNamesAt(batch, ['transfers', 3])).toEqual(Object.keys(transfer.shape));
    const plan = z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('flat'), value: z.number() }).strict(),
      z.object({ kind: z.literal('percentage'), value: z.number(), cap: z.number() }).strict(),
    ]);
    expect(fieldNamesAt(plan, [])).toEqual(['kind', 'value', 'cap']);
    expect(fieldNamesAt(z.string(), [])).toEqual([]);
    expect(fieldNamesAt(batch, ['nowhere'])).toEqual([]);
  });
});

describe('fieldErrorsOf with a schema', () => {
  it('names each unknown field by its own path, with the field meant', () => {
    const result = transfer.safeParse({ from_wallet_id: 'w', amount: 1, note: 'Dinner', value: 2 });
    expect(fieldErrorsOf(result.error!.issues, transfer)).toEqual([
      { path: 'note', message: 'Unknown field `note`. Did you mean `description`?' },
      { path: 'value', message: 'Unknown field `value`. Did you mean `amount`?' },
    ]);
  });

  it('names an unknown field inside a list by its full path', () => {
    const batch = z.object({ transfers: z.array(transfer) }).strict();
    const result = batch.safeParse({ transfers: [{ from_wallet_id: 'w', amount: 1, memo: 'x' }] });
    expect(fieldErrorsOf(result.error!.issues, batch)).toEqual([
      { path: 'transfers.0.memo', message: 'Unknown field `memo`. Did you mean `description`?' },
    ]);
  });
});

describe('sentenceOf', () => {
  it('writes a message as a sentence, leaving one alone', () => {
    expect(sentenceOf('must be a UUID')).toBe('Must be a UUID.');
    expect(sentenceOf('Did you mean `amount`?')).toBe('Did you mean `amount`?');
    expect(sentenceOf('  The wallet is closed.  ')).toBe('The wallet is closed.');
    expect(sentenceOf('')).toBe('');
  });
});
