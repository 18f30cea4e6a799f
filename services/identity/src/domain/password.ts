import { type Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * `Algorithm` is an ambient const enum, which this repository's `verbatimModuleSyntax` cannot
 * read as a value; the type annotation still checks that 2 is `Argon2id`.
 */
const argon2id: Algorithm.Argon2id = 2;

/** Argon2id cost parameters; memory in KiB. */
export interface PasswordHashCost {
  memoryCostKib: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP's recommended argon2id configuration (m=19 MiB, t=2, p=1). */
export const owaspArgon2idCost: PasswordHashCost = { memoryCostKib: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string, cost: PasswordHashCost): Promise<string> {
  return hash(password, {
    algorithm: argon2id,
    memoryCost: cost.memoryCostKib,
    timeCost: cost.timeCost,
    parallelism: cost.parallelism,
  });
}

/** The cost parameters live in the encoded hash, so a hash made with other costs still verifies. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is not a match; it must never let anyone in.
    return false;
  }
}
