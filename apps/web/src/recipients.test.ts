import { describe, expect, it } from 'vitest';
import type { Transfer } from './api/types';
import { maxRecentRecipients, recentRecipientsOf } from './recipients';

function sent(id: number, fields: Partial<Transfer>): Transfer {
  return {
    id: `0190a4c1-0000-7000-8000-${String(id).padStart(12, '0')}`,
    type: 'transfer',
    status: 'posted',
    amount: 500,
    currency: 'USD',
    description: null,
    metadata: {},
    from_wallet_id: '0190a4c1-0000-7000-8000-0000000000a1',
    to_wallet_id: '0190a4c1-0000-7000-8000-0000000000b1',
    initiator_id: null,
    created_at: '2026-12-07T10:00:00Z',
    ...fields,
  };
}

describe('recentRecipientsOf', () => {
  it('names each payee once, newest first, by display name and handle', () => {
    const recent = recentRecipientsOf([
      sent(1, { to_name: 'Ada Lovelace', to_handle: 'ada' }),
      sent(2, { type: 'payment', to_name: 'Grace Hopper', to_handle: 'grace' }),
      sent(3, { to_name: 'Ada Lovelace', to_handle: 'ada' }),
    ]);
    expect(recent).toEqual([
      { label: 'Ada Lovelace (@ada)', handle: 'ada' },
      { label: 'Grace Hopper (@grace)', handle: 'grace' },
    ]);
  });

  it('leaves out payees without a handle and movements that pay nobody', () => {
    const recent = recentRecipientsOf([
      sent(1, { to_name: 'Deleted user', to_handle: null }),
      sent(2, { type: 'withdrawal', to_wallet_id: null }),
      sent(3, { type: 'hold', to_name: 'Ada Lovelace', to_handle: 'ada' }),
      sent(4, { to_handle: 'lin' }),
    ]);
    expect(recent).toEqual([{ label: '@lin', handle: 'lin' }]);
  });

  it(`offers at most ${maxRecentRecipients}`, () => {
    const many = Array.from({ length: 9 }, (_, index) => sent(index, { to_handle: `user${index}` }));
    expect(recentRecipientsOf(many).map((recipient) => recipient.handle)).toEqual([
      'user0',
      'user1',
      'user2',
      'user3',
      'user4',
    ]);
  });
});
