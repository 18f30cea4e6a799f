import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as password from '../src/domain/password.js';
import { failureOf, type IdentityHarness, login, register, startHarness } from './identity-harness.js';

// Spy on password verification while keeping the real argon2id behind it.
vi.mock('../src/domain/password.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/domain/password.js')>();
  return { ...original, verifyPassword: vi.fn(original.verifyPassword) };
});

describe(`login of an unknown user on ${testDatabaseLabel}`, () => {
  let harness: IdentityHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('verifies the password against a dummy argon2id hash, as much work as for a known user', async () => {
    const { user } = await register(harness);
    const verify = vi.mocked(password.verifyPassword);

    verify.mockClear();
    await failureOf(login(harness, user.user_name, 'not the password at all'));
    expect(verify).toHaveBeenCalledTimes(1);
    const knownHash = verify.mock.calls[0]![0];

    verify.mockClear();
    await failureOf(login(harness, 'nobody-like-this', 'not the password at all'));
    expect(verify).toHaveBeenCalledTimes(1);
    const dummyHash = verify.mock.calls[0]![0];
    expect(dummyHash).not.toBe(knownHash);
    // Same algorithm and the same cost parameters: the same work, so no timing tells them apart.
    const parametersOf = (hash: string) => hash.split('$').slice(1, 4).join('$');
    expect(dummyHash).toMatch(/^\$argon2id\$/);
    expect(parametersOf(dummyHash)).toBe(parametersOf(knownHash));
    await expect(verify.mock.results[0]!.value).resolves.toBe(false);
  });
});
