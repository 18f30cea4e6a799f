import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Environment parsing. Only a service's `config.ts` and `main.ts` call these, once at
 * start. A bad environment stops the process with every problem listed, never a default
 * secret.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined>,
): z.output<Schema> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  return result.data;
}

/**
 * Words that mark a value someone was meant to replace. Matched inside the value, because
 * every one of them is shorter than the 32 characters a secret needs: a placeholder long
 * enough to pass is a repeated or padded one ("changeme-changeme-…"). A random secret
 * contains one of these by chance with negligible probability.
 */
const placeholderWords = [
  'secret',
  'changeme',
  'change-me',
  'change_me',
  'replaceme',
  'replace-me',
  'replace_me',
  'placeholder',
  'password',
  'example',
  'development',
  'moneypal',
];

/**
 * A secret read from the environment: at least 32 characters, no placeholder word, and
 * at least 10 distinct characters (so not one character or a short pattern repeated).
 */
export function secretString(name: string) {
  return z
    .string({ error: `${name} is required (at least 32 random characters)` })
    .min(32, `${name} must be at least 32 characters`)
    .refine(
      (value) => !placeholderWords.some((word) => value.toLowerCase().includes(word)),
      `${name} is a placeholder: use random characters`,
    )
    .refine((value) => new Set(value).size >= 10, `${name} looks too weak: use random characters`);
}

/** A boolean environment variable: `true`/`1`/`yes` or `false`/`0`/`no`. */
export function booleanFlag(defaultValue: boolean) {
  return z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(defaultValue ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes');
}

export const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info');

/**
 * The local runtime's own secrets, generated on first start and kept under the data
 * directory so that tokens stay valid across restarts. Never used by the distributed
 * runtime, which must be given its secrets.
 */
export function loadOrCreateLocalSecrets<Keys extends string>(
  dataDir: string,
  generate: Record<Keys, () => string>,
): Record<Keys, string> {
  const file = join(dataDir, 'secrets.json');
  let stored: Partial<Record<Keys, string>> = {};
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<Keys, string>>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let changed = false;
  const secrets = { ...stored } as Record<Keys, string>;
  for (const key of Object.keys(generate) as Keys[]) {
    if (typeof secrets[key] !== 'string') {
      secrets[key] = generate[key]();
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    // Written aside and renamed into place, so a crash mid-write never leaves a truncated
    // file that would stop every later start.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    renameSync(partial, file);
  }
  return secrets;
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
