import { z } from 'zod';
import type { PayPalSimulatorOptions } from './simulator.js';

/** The standalone simulator process's settings, from its environment. */
export interface SimulatorProcessConfig {
  port: number;
  host: string;
  clientId: string;
  clientSecret: string;
  webhook: { url: string; webhookId: string } | null;
  apiUrl: string | null;
  publicUrl: string | null;
}

const nonEmpty = (name: string) => z.string().min(1, `${name} must not be empty`);

export const simulatorEnvironmentSchema = z
  .object({
    PAYPAL_SIMULATOR_PORT: z.coerce
      .number({ error: 'PAYPAL_SIMULATOR_PORT must be a port number' })
      .int('PAYPAL_SIMULATOR_PORT must be a whole number')
      .min(0, 'PAYPAL_SIMULATOR_PORT must be 0..65535')
      .max(65_535, 'PAYPAL_SIMULATOR_PORT must be 0..65535')
      .default(8081),
    PAYPAL_SIMULATOR_HOST: nonEmpty('PAYPAL_SIMULATOR_HOST').default('0.0.0.0'),
    PAYPAL_CLIENT_ID: nonEmpty('PAYPAL_CLIENT_ID').default('sandbox-client-id'),
    PAYPAL_CLIENT_SECRET: nonEmpty('PAYPAL_CLIENT_SECRET').default('sandbox-client-secret'),
    PAYPAL_WEBHOOK_URL: z.url('PAYPAL_WEBHOOK_URL must be an http(s) URL').optional(),
    PAYPAL_WEBHOOK_ID: nonEmpty('PAYPAL_WEBHOOK_ID').optional(),
    PAYPAL_SIMULATOR_URL: z.url('PAYPAL_SIMULATOR_URL must be an http(s) URL').optional(),
    PAYPAL_SIMULATOR_PUBLIC_URL: z.url('PAYPAL_SIMULATOR_PUBLIC_URL must be an http(s) URL').optional(),
  })
  .refine((env) => (env.PAYPAL_WEBHOOK_URL === undefined) === (env.PAYPAL_WEBHOOK_ID === undefined), {
    message: 'PAYPAL_WEBHOOK_URL and PAYPAL_WEBHOOK_ID are set together or not at all',
  })
  .transform(
    (env): SimulatorProcessConfig => ({
      port: env.PAYPAL_SIMULATOR_PORT,
      host: env.PAYPAL_SIMULATOR_HOST,
      clientId: env.PAYPAL_CLIENT_ID,
      clientSecret: env.PAYPAL_CLIENT_SECRET,
      webhook:
        env.PAYPAL_WEBHOOK_URL && env.PAYPAL_WEBHOOK_ID
          ? { url: env.PAYPAL_WEBHOOK_URL, webhookId: env.PAYPAL_WEBHOOK_ID }
          : null,
      apiUrl: env.PAYPAL_SIMULATOR_URL ?? null,
      publicUrl: env.PAYPAL_SIMULATOR_PUBLIC_URL ?? null,
    }),
  );

export class SimulatorConfigError extends Error {
  override name = 'SimulatorConfigError';
}

/** Reads the environment once; throws a `SimulatorConfigError` listing every problem. */
export function loadSimulatorConfig(env: Record<string, string | undefined>): SimulatorProcessConfig {
  // Empty variables count as unset, as a compose file leaves them.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = simulatorEnvironmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new SimulatorConfigError(parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  return parsed.data;
}

/** The options `startPayPalSimulator` takes for a process configuration. */
export function simulatorOptionsOf(config: SimulatorProcessConfig): PayPalSimulatorOptions {
  return {
    port: config.port,
    host: config.host,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    ...(config.webhook ? { webhook: config.webhook } : {}),
    ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  };
}
