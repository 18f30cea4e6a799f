import { describe, expect, it } from 'vitest';
import { passwordWeakness } from './password-policy.js';

const owner = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  user_name: 'countess_ada',
  email: 'ada.l@example.com',
};

describe('password policy', () => {
  it.each([
    ['a repeated character', 'aaaaaaaaaa'],
    ['a digit sequence', '1234567890'],
    ['a common password', 'password12'],
    ['another common password', 'password123'],
    ['spaces only', '          '],
    ['leet speak of a common password', 'P@ssw0rd1234'],
    ['a keyboard row', 'qwertyuiop'],
  ])('refuses %s', (_, password) => {
    expect(passwordWeakness(password, [owner])).toMatch(/^is too easy to guess: /);
  });

  it.each([
    ['the user name', 'countess_ada'],
    ['the email', 'ada.l@example.com'],
    ['the email local part and a year', 'ada.l1990!'],
    ['the names', 'AdaLovelace'],
  ])('refuses a password built from %s', (_, password) => {
    expect(passwordWeakness(password, [owner])).toMatch(/^is too easy to guess: /);
  });

  it('checks against every owner given, such as a profile before and after its change', () => {
    const renamed = { ...owner, user_name: 'ladybyron1815' };
    expect(passwordWeakness('ladybyron1815', [owner])).toBeNull();
    expect(passwordWeakness('ladybyron1815', [owner, renamed])).not.toBeNull();
  });

  it.each([
    'correct horse battery staple 42',
    'a long enough password',
    'Tr0ub4dor&3 plus more',
    'x7#Lq9!vRt2m',
  ])('accepts %j', (password) => {
    expect(passwordWeakness(password, [owner])).toBeNull();
  });

  it('never repeats the password in its reason', () => {
    const reason = passwordWeakness('password12', [owner]);
    expect(reason).not.toContain('password12');
  });

  it('estimates a long adversarial password quickly', () => {
    const started = performance.now();
    passwordWeakness('4@8({[<3=6#9!|1lt+7%2'.repeat(6), [owner]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
