import { ConfigError } from '@moneypal/kit';
import { describe, expect, it } from 'vitest';
import { loadDistributedConfig, loadLocalConfig } from './config.js';

const admin = { ADMIN_EMAIL: 'owner@example.org', ADMIN_PASSWORD: 'a long enough passphrase' };
const paypal = {
  PAYPAL_CLIENT_ID: 'AYSq3RDGsmBLJE-otTkBtM-jBRd1TCQwFf9RGfwddNXWz0uFU9ztymylOhRS',
  PAYPAL_CLIENT_SECRET: 'EGnHDxD_qRPdaLdZz8iCr8N7_MzF-YHPTkjs6NKYQvQSBngp4PTTVWkPZRbL',
  PAYPAL_WEBHOOK_ID: '1JE4291016473214C',
};

/** The problems a configuration is refused with, or none. */
function problemsOf(load: () => unknown): string[] {
  try {
    load();
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

/** Every part of a group that is neither empty nor whole. */
function partsOf<Group extends Record<string, string>>(group: Group): Partial<Group>[] {
  const names = Object.keys(group);
  const parts: Partial<Group>[] = [];
  for (let mask = 1; mask < 2 ** names.length - 1; mask++) {
    parts.push(
      Object.fromEntries(
        names.filter((_, index) => mask & (1 << index)).map((name) => [name, group[name]]),
      ) as Partial<Group>,
    );
  }
  return parts;
}

describe('loadLocalConfig', () => {
  it('runs on nothing but defaults: the simulator, captured email and a generated administrator', () => {
    const config = loadLocalConfig({});
    expect(config).toMatchObject({
      dataDir: '.moneypal',
      databaseUrl: undefined,
      port: '8080',
      host: '127.0.0.1',
      logLevel: 'info',
      admin: undefined,
      adminUserName: 'admin',
      publicUrl: 'http://127.0.0.1:8080',
      paypal: { mode: 'simulator', port: 8081 },
      email: { mode: 'capture', from: 'MoneyPal <no-reply@moneypal.local>' },
    });
    expect(config.gateway).toMatchObject({ port: 8080, host: '127.0.0.1', webRoot: undefined });
  });

  it('takes the administrator when ADMIN_EMAIL and ADMIN_PASSWORD are both set', () => {
    expect(loadLocalConfig(admin).admin).toEqual({
      email: admin.ADMIN_EMAIL,
      password: admin.ADMIN_PASSWORD,
    });
  });

  it.each(partsOf(admin))('refuses ADMIN_EMAIL and ADMIN_PASSWORD set one without the other (%o)', (part) => {
    const problems = problemsOf(() => loadLocalConfig(part));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('ADMIN_EMAIL and ADMIN_PASSWORD must be set together, or neither');
  });

  it('talks to PayPal itself when its client id, secret and webhook id are all set', () => {
    expect(loadLocalConfig(paypal).paypal).toEqual({
      mode: 'paypal',
      baseUrl: 'https://api-m.sandbox.paypal.com',
      clientId: paypal.PAYPAL_CLIENT_ID,
      clientSecret: paypal.PAYPAL_CLIENT_SECRET,
      webhookId: paypal.PAYPAL_WEBHOOK_ID,
    });
  });

  it.each(partsOf(paypal))(
    'refuses PayPal credentials set in part rather than falling back to the simulator (%o)',
    (part) => {
      const problems = problemsOf(() => loadLocalConfig(part));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(
        'PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET and PAYPAL_WEBHOOK_ID must be set together, or none',
      );
    },
  );

  it('lists a broken together-rule beside the other problems of the environment', () => {
    const problems = problemsOf(() =>
      loadLocalConfig({ ADMIN_EMAIL: admin.ADMIN_EMAIL, DATABASE_URL: 'mysql://db' }),
    );
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toContain('DATABASE_URL must be a postgres:// URL');
  });

  it('sends email through SMTP_HOST, with TLS from the first byte on port 465', () => {
    const config = loadLocalConfig({ SMTP_HOST: 'smtp.example.org', SMTP_PORT: '465', SMTP_USER: 'mailer' });
    expect(config.email).toEqual({
      mode: 'smtp',
      host: 'smtp.example.org',
      port: 465,
      secure: true,
      user: 'mailer',
      from: 'MoneyPal <no-reply@moneypal.local>',
    });
  });

  it('gives the gateway its own address and the built web app unless WEB_ROOT names another', () => {
    const env = { PORT: '9090', HOST: '0.0.0.0', PUBLIC_URL: 'https://wallet.example.com' };
    const built = loadLocalConfig(env, '/srv/web');
    expect(built.publicUrl).toBe('https://wallet.example.com');
    expect(built.gateway).toMatchObject({ port: 9090, host: '0.0.0.0', webRoot: '/srv/web' });
    expect(loadLocalConfig({ ...env, WEB_ROOT: '/srv/other' }, '/srv/web').gateway.webRoot).toBe(
      '/srv/other',
    );
  });
});

describe('loadDistributedConfig', () => {
  const services = ['identity', 'ledger'];

  it('refuses to launch without NATS_URL', () => {
    expect(problemsOf(() => loadDistributedConfig({}, services))).toEqual([
      'NATS_URL: NATS_URL is required (nats://…)',
    ]);
  });

  it('starts the simulator and captures email when neither PayPal nor SMTP is configured', () => {
    expect(loadDistributedConfig({ NATS_URL: 'nats://127.0.0.1:4222' }, services)).toEqual({
      databaseUrl: undefined,
      serviceDatabaseUrls: {},
      logLevel: 'info',
      port: 8080,
      simulatorPort: 8081,
      opsPortBase: 9100,
      publicUrl: undefined,
      simulated: true,
      emailCaptured: true,
    });
  });

  it('takes each service’s own database URL when set and not empty', () => {
    const config = loadDistributedConfig(
      {
        NATS_URL: 'nats://127.0.0.1:4222',
        IDENTITY_DATABASE_URL: 'postgres://identity@db/identity',
        LEDGER_DATABASE_URL: '',
        PAYPAL_CLIENT_ID: paypal.PAYPAL_CLIENT_ID,
        SMTP_HOST: 'smtp.example.org',
      },
      services,
    );
    expect(config.serviceDatabaseUrls).toEqual({ identity: 'postgres://identity@db/identity' });
    expect(config).toMatchObject({ simulated: false, emailCaptured: false });
  });
});
