import { describe, expect, it } from 'vitest';
import { userLookupOf } from './identity.js';

describe('userLookupOf', () => {
  it('looks an email up by email and anything else by user name', () => {
    expect(userLookupOf('bob@example.com')).toEqual({ email: 'bob@example.com' });
    expect(userLookupOf('bob')).toEqual({ user_name: 'bob' });
  });

  it('names nobody with a user name longer than identity allows', () => {
    expect(userLookupOf('b'.repeat(32))).toEqual({ user_name: 'b'.repeat(32) });
    expect(userLookupOf('b'.repeat(33))).toBeNull();
  });

  it('looks a long email up, since only user names are short', () => {
    const email = `${'b'.repeat(40)}@example.com`;
    expect(userLookupOf(email)).toEqual({ email });
  });
});
