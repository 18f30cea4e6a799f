import { describe, expect, it } from 'vitest';
import { decodeCursor, decodeIdCursor, encodeCursor } from './cursor.js';
import { AppError } from './errors.js';

const id = '0190a0b0-c0d0-7e00-8f00-0000000000ab';

function refusalOf(decode: () => unknown): unknown {
  try {
    decode();
  } catch (error) {
    return error instanceof AppError ? error.toJSON() : error;
  }
  return 'accepted';
}

const refusal = {
  code: 'validation_failed',
  message: 'the cursor is not valid',
  details: { errors: [{ path: 'cursor', message: 'is not a cursor given by this list' }] },
};

describe('id cursors', () => {
  it('round-trip an id in base64url', () => {
    const cursor = encodeCursor(id);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeIdCursor(cursor)).toBe(id);
  });

  it('write the same cursor strings as before', () => {
    expect(encodeCursor(id)).toBe(Buffer.from(id, 'utf8').toString('base64url'));
  });

  it('refuse garbage as validation_failed on the cursor field', () => {
    for (const cursor of [
      'not a cursor',
      '%%%',
      '',
      encodeCursor('not-a-uuid'),
      encodeCursor(id.toUpperCase()),
      `${encodeCursor(id)}AA`,
    ]) {
      expect(refusalOf(() => decodeIdCursor(cursor))).toEqual(refusal);
    }
  });
});

describe('cursors of other positions', () => {
  const invoiceNoOf = (text: string): bigint | null => {
    const match = /^invoice:([1-9]\d{0,17})$/.exec(text);
    return match ? BigInt(match[1]!) : null;
  };

  it('carry the position a reader finds there and back', () => {
    expect(decodeCursor(encodeCursor('invoice:12'), invoiceNoOf)).toBe(12n);
  });

  it('refuse a cursor whose text the reader does not accept', () => {
    expect(refusalOf(() => decodeCursor(encodeCursor('invoice:12x'), invoiceNoOf))).toEqual(refusal);
    expect(refusalOf(() => decodeCursor('!!', invoiceNoOf))).toEqual(refusal);
  });
});
