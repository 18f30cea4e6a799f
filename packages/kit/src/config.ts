import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { defaultAckWaitMs, defaultDeadLetterStreamName, defaultStreamName } from './bus/nats-defaults.js';

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

/*
 * The environment every distributed process reads the same way, besides its own: where
 * the bus is (and under which names, so that two installations or test runs can share a
 * NATS server), its operations port, and where traces go.
 */

const streamName = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, `${name} must be letters, digits, _ and - (at most 64)`);

const wholeNumber = (name: string, minimum: number, maximum: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(minimum, `${name} must be at least ${minimum}`)
    .max(maximum, `${name} must be at most ${maximum}`);

const optionalUrl = (name: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.url({ error: `${name} must be an http(s) URL`, protocol: /^https?$/ }).optional());

/** NATS servers: one `nats://host:port` URL or several, comma-separated. */
export const natsServers = z
  .string({ error: 'NATS_URL is required (nats://…)' })
  .transform((value) =>
    value
      .split(',')
      .map((server) => server.trim())
      .filter((server) => server.length > 0),
  )
  .refine((servers) => servers.length > 0, 'NATS_URL is required (nats://…)');

/** How a process connects to NATS: `connectNatsBus` takes these as they are. */
export interface NatsSettings {
  servers: string[];
  subjectPrefix: string;
  streamName: string;
  deadLetterStreamName: string;
  ackWaitMs: number;
}

/** The NATS variables, besides NATS_URL; each has the production default. */
export const natsNamesEnvironment = {
  NATS_SUBJECT_PREFIX: z
    .string()
    .trim()
    .regex(
      /^([A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?)?$/,
      'NATS_SUBJECT_PREFIX must be dot-separated words (letters, digits, _ and -)',
    )
    .default(''),
  NATS_STREAM: streamName('NATS_STREAM').default(defaultStreamName),
  NATS_DEAD_LETTER_STREAM: streamName('NATS_DEAD_LETTER_STREAM').default(defaultDeadLetterStreamName),
  NATS_ACK_WAIT_MS: wholeNumber('NATS_ACK_WAIT_MS', 1_000, 3_600_000).default(defaultAckWaitMs),
};

export function natsSettingsOf(
  servers: string[],
  env: z.output<z.ZodObject<typeof natsNamesEnvironment>>,
): NatsSettings {
  return {
    servers,
    subjectPrefix: env.NATS_SUBJECT_PREFIX,
    streamName: env.NATS_STREAM,
    deadLetterStreamName: env.NATS_DEAD_LETTER_STREAM,
    ackWaitMs: env.NATS_ACK_WAIT_MS,
  };
}

/** Where spans go: the standard OpenTelemetry variables; unset, nothing is exported. */
export const tracingEnvironment = {
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl('OTEL_EXPORTER_OTLP_ENDPOINT'),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'),
};

export interface TracingSettings {
  /** The OTLP/HTTP traces URL; spans are exported only when it is set. */
  otlpTracesUrl: string | undefined;
}

/** The OTLP/HTTP traces URL from the standard OpenTelemetry variables' values. */
export function otlpTracesUrlOf(endpoint: string | undefined, tracesEndpoint: string | undefined) {
  if (tracesEndpoint) return tracesEndpoint;
  if (!endpoint) return undefined;
  // The generic endpoint names the collector; each signal has its path under it.
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

export function tracingSettingsOf(env: z.output<z.ZodObject<typeof tracingEnvironment>>): TracingSettings {
  return {
    otlpTracesUrl: otlpTracesUrlOf(env.OTEL_EXPORTER_OTLP_ENDPOINT, env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT),
  };
}

/** The operations port of a service process: `/healthz`, `/readyz`, `/metrics` (`startOpsServer`). */
export interface OpsSettings {
  port: number;
  host: string;
}

/** The default operations port of each service, so that they can share one machine. */
export const defaultOpsPorts = {
  identity: 9101,
  ledger: 9102,
  payments: 9103,
  billing: 9104,
  notifications: 9105,
} as const;

/** The settings every service process shares, parsed from `serviceProcessEnvironment`. */
export interface ServiceProcessSettings {
  nats: NatsSettings;
  ops: OpsSettings;
  tracing: TracingSettings;
  logLevel: z.output<typeof logLevel>;
}

/**
 * The variables every service process reads besides its own: merge them into the
 * service's environment schema and turn them into settings with `serviceProcessSettingsOf`.
 */
export function serviceProcessEnvironment(defaultOpsPort: number) {
  return {
    NATS_URL: natsServers,
    ...natsNamesEnvironment,
    OPS_PORT: wholeNumber('OPS_PORT', 0, 65_535).default(defaultOpsPort),
    OPS_HOST: z.string().trim().min(1, 'OPS_HOST must not be empty').default('127.0.0.1'),
    ...tracingEnvironment,
    LOG_LEVEL: logLevel,
  };
}

export function serviceProcessSettingsOf(
  env: z.output<z.ZodObject<ReturnType<typeof serviceProcessEnvironment>>>,
): ServiceProcessSettings {
  return {
    nats: natsSettingsOf(env.NATS_URL, env),
    ops: { port: env.OPS_PORT, host: env.OPS_HOST },
    tracing: tracingSettingsOf(env),
    logLevel: env.LOG_LEVEL,
  };
}
