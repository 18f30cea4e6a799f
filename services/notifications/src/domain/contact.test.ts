import type { User } from '@moneypal/contracts';
import { describe, expect, it } from 'vitest';
import { contactRecordOf, deletedContactRecord, reachableContact } from './contact.js';

const user: User = {
  id: '0190a0b0-0000-7000-8000-000000000003',
  first_name: 'Ada',
  last_name: 'Lovelace',
  user_name: 'ada',
  email: 'ada@example.com',
  phone: '+14155550123',
  role: 'user',
  two_factor_enabled: false,
  created_at: '2030-01-01T00:00:00.000Z',
  updated_at: '2030-01-01T00:05:00.000Z',
};

describe('contacts', () => {
  it('keeps what messages need of a user, stamped with their updated_at', () => {
    const record = contactRecordOf(user);
    expect(record).toEqual({
      user_id: user.id,
      email: 'ada@example.com',
      phone: '+14155550123',
      first_name: 'Ada',
      user_name: 'ada',
      deleted_at: null,
      updated_at: new Date('2030-01-01T00:05:00.000Z'),
    });
    expect(reachableContact(record)).toEqual({
      user_id: user.id,
      email: 'ada@example.com',
      first_name: 'Ada',
      user_name: 'ada',
    });
  });

  it('keeps of a deleted user only what the deletion event carries, and reaches them no more', () => {
    const deletedAt = new Date('2030-01-02T00:00:00.000Z');
    const record = deletedContactRecord(
      { user_id: user.id, user_name: 'ada', email: 'ada@example.com' },
      deletedAt,
    );
    expect(record).toEqual({
      user_id: user.id,
      email: 'ada@example.com',
      phone: null,
      first_name: null,
      user_name: 'ada',
      deleted_at: deletedAt,
      updated_at: deletedAt,
    });
    expect(reachableContact(record)).toBeNull();
  });
});
