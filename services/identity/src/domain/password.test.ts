import { describe, expect, it } from 'vitest';
import { hashPassword, owaspArgon2idCost, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('defaults to OWASP’s argon2id cost', () => {
    expect(owaspArgon2idCost).toEqual({ memoryCostKib: 19_456, timeCost: 2, parallelism: 1 });
  });

  it('produces an argon2id hash with the given cost that verifies the right password only', async () => {
    const passwordHash = await hashPassword('correct horse battery staple', owaspArgon2idCost);
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword(passwordHash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(verifyPassword(passwordHash, 'correct horse battery stapler')).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    const cost = { memoryCostKib: 64, timeCost: 1, parallelism: 1 };
    expect(await hashPassword('same password', cost)).not.toBe(await hashPassword('same password', cost));
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    await expect(verifyPassword('not a hash', 'anything')).resolves.toBe(false);
  });
});
