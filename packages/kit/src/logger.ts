import { type Logger, pino } from 'pino';
import { activeLogFields } from './log-context.js';

export type { Logger } from 'pino';

/** Paths that must never reach a log line. */
const redactedPaths = [
  'password',
  '*.password',
  'new_password',
  '*.new_password',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'password_hash',
  '*.password_hash',
];

/**
 * Fields of an error that carry the values a statement was given: `params` (as some drivers
 * attach them), node-pg `DatabaseError`'s `detail` ("Key (email)=(…) already exists", "Failing row contains (…)"),
 * `where` and `internalQuery` (the statement inside a function, values included), and the
 * `parameters`, `values` or `bindings` other drivers attach. The SQL text (`query`) is kept:
 * every statement passes its values as parameters.
 */
const boundValueFields = new Set([
  'params',
  'parameters',
  'values',
  'bindings',
  'queryOptions',
  'detail',
  'where',
  'internalQuery',
]);

/**
 * PostgreSQL's data exceptions quote the value they refused in their message ('invalid
 * input syntax for type uuid: "…"', 'value "…" is out of range for type integer'); the
 * value gives way to `[redacted]`, the rest of the message stays.
 */
const valueInMessage: Array<[RegExp, string]> = [
  [/(invalid input (?:syntax|value) for [^\n:]*: )"[^\n]*"/g, '$1[redacted]'],
  [/(date\/time field value out of range: )"[^\n]*"/g, '$1[redacted]'],
  [/\bvalue "[^\n]*" is out of range/g, 'value [redacted] is out of range'],
];

/** The text of an error message with any value a database refused in it replaced by `[redacted]`. */
export function withoutStatementValues(text: string): string {
  return valueInMessage.reduce(
    (result, [pattern, replacement]) => result.replace(pattern, replacement),
    text,
  );
}

function scrubSerializedError(serialized: Record<string, unknown>, seen: Set<object>): void {
  seen.add(serialized);
  for (const key of Object.keys(serialized)) {
    const value = serialized[key];
    if (boundValueFields.has(key)) delete serialized[key];
    else if (typeof value === 'string' && (key === 'message' || key === 'stack')) {
      serialized[key] = withoutStatementValues(value);
    } else if (typeof value === 'object' && value !== null && !seen.has(value)) {
      scrubSerializedError(value as Record<string, unknown>, seen);
    }
  }
}

/**
 * pino's error serializer (type, message and stack with their causes, and every other own
 * field), less anything that carries a statement's values: an error from the database
 * (a unique violation on an email, a failed insert of a password hash) logs its code,
 * constraint, table and column, never the values.
 */
export function serializeError(error: unknown): unknown {
  const serialized: unknown = pino.stdSerializers.err(error as Error);
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  scrubSerializedError(serialized as Record<string, unknown>, new Set());
  return serialized;
}

/**
 * What a process prints when it cannot start: the stack of the error with its causes', as
 * the log would show it, so no statement value reaches the terminal either.
 */
export function printableError(error: unknown): string {
  const serialized = serializeError(error);
  if (typeof serialized === 'object' && serialized !== null) {
    const { stack, message } = serialized as { stack?: unknown; message?: unknown };
    if (typeof stack === 'string') return stack;
    if (typeof message === 'string') return message;
  }
  return withoutStatementValues(String(error));
}

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Where lines go; standard output when absent. */
  destination?: pino.DestinationStream;
}

/**
 * Structured JSON logs; every line names its service. A line written while a request or
 * event is handled (see `runInSpan`) also carries its `request_id`, `trace_id` and
 * `span_id`, so one request can be followed through every service's log.
 */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: redactedPaths, censor: '[redacted]' },
    // `error` too, should an error object ever be logged under that name.
    serializers: { err: serializeError, error: serializeError },
    mixin: activeLogFields,
  };
  return destination ? pino(options, destination) : pino(options);
}
