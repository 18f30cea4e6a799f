/**
 * What the simulator logs through: any object with pino-style methods, such as the kit's
 * logger, without the simulator depending on the kit at run time.
 */
export interface SimulatorLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

// Errors have no enumerable fields, so they would print as {}.
function withErrorsSpelledOut(_key: string, value: unknown): unknown {
  return value instanceof Error ? { type: value.name, message: value.message, stack: value.stack } : value;
}

/** One JSON object per line on `write`, for the standalone process. */
export function createJsonLineLogger(
  write: (line: string) => void,
  base: Record<string, unknown> = {},
): SimulatorLogger {
  const log = (level: string) => (fields: Record<string, unknown>, message: string) => {
    const line = { level, time: new Date().toISOString(), ...base, ...fields, message };
    write(`${JSON.stringify(line, withErrorsSpelledOut)}\n`);
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
