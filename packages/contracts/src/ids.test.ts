import { describe, expect, it } from 'vitest';
import { uuid } from './common.js';
import { isUuid } from './ids.js';

describe('isUuid', () => {
  it('agrees with the API schema on ids of every kind', () => {
    const samples = [
      '0190a4c1-0000-7000-8000-0000000000a1',
      '0190A4C1-0000-7000-8000-0000000000A1',
      '123e4567-e89b-12d3-a456-426614174000',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '0190a4c1-0000-9000-8000-0000000000a1',
      '0190a4c1-0000-7000-c000-0000000000a1',
      '0190a4c1-0000-7000-8000-0000000000a',
      '0190a4c100007000800000000000000a1',
      '',
      'not-a-uuid',
    ];
    for (const sample of samples) expect(isUuid(sample), sample).toBe(uuid.safeParse(sample).success);
    expect(samples.filter(isUuid)).toHaveLength(5);
  });
});
