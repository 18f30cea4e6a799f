import { describe, expect, it } from 'vitest';
import { loadSimulatorConfig, SimulatorConfigError, simulatorOptionsOf } from './config.js';

describe('simulator process configuration', () => {
  it('defaults to port 8081 on every address with the sandbox credentials and no webhook', () => {
    expect(loadSimulatorConfig({})).toEqual({
      port: 8081,
      host: '0.0.0.0',
      clientId: 'sandbox-client-id',
      clientSecret: 'sandbox-client-secret',
      webhook: null,
      apiUrl: null,
      publicUrl: null,
    });
  });

  it('reads every variable, treating empty ones as unset', () => {
    const config = loadSimulatorConfig({
      PAYPAL_SIMULATOR_PORT: '9000',
      PAYPAL_SIMULATOR_HOST: '127.0.0.1',
      PAYPAL_CLIENT_ID: 'id',
      PAYPAL_CLIENT_SECRET: 'secret',
      PAYPAL_WEBHOOK_URL: 'http://gateway:8080/v1/webhooks/paypal',
      PAYPAL_WEBHOOK_ID: 'WH-LOCAL',
      PAYPAL_SIMULATOR_URL: 'http://paypal-simulator:9000',
      PAYPAL_SIMULATOR_PUBLIC_URL: '',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      webhook: { url: 'http://gateway:8080/v1/webhooks/paypal', webhookId: 'WH-LOCAL' },
      apiUrl: 'http://paypal-simulator:9000',
      publicUrl: null,
    });
    expect(simulatorOptionsOf(config)).toEqual({
      port: 9000,
      host: '127.0.0.1',
      clientId: 'id',
      clientSecret: 'secret',
      webhook: { url: 'http://gateway:8080/v1/webhooks/paypal', webhookId: 'WH-LOCAL' },
      apiUrl: 'http://paypal-simulator:9000',
    });
  });

  it.each([
    [{ PAYPAL_SIMULATOR_PORT: 'eighty' }, /PAYPAL_SIMULATOR_PORT/],
    [{ PAYPAL_SIMULATOR_PORT: '70000' }, /PAYPAL_SIMULATOR_PORT/],
    [{ PAYPAL_WEBHOOK_URL: 'http://gateway/hook' }, /set together/],
    [{ PAYPAL_WEBHOOK_URL: 'not a url', PAYPAL_WEBHOOK_ID: 'x' }, /PAYPAL_WEBHOOK_URL/],
  ])('refuses %j', (env, message) => {
    expect(() => loadSimulatorConfig(env)).toThrow(SimulatorConfigError);
    expect(() => loadSimulatorConfig(env)).toThrow(message);
  });
});
