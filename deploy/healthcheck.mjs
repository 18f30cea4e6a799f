// The health probe of the MoneyPal images (Docker HEALTHCHECK, Kubernetes exec probes).
//
//   node deploy/healthcheck.mjs [SERVICE] [--live]
//
// SERVICE defaults to $SERVICE (set in each service image). Exit 0 is healthy, 1 is not,
// with the reason on stderr.
//
// - gateway: GET /readyz on 127.0.0.1:$PORT (/healthz with --live).
// - paypal-simulator: GET /healthz on 127.0.0.1:$PAYPAL_SIMULATOR_PORT.
// - every other service: the `<service>.health` bus request over NATS ($NATS_URL), spoken
//   as the kit's NATS bus speaks it (packages/kit/src/bus/nats.ts): no subject prefix in
//   production, a JSON body (`{}`, the contract's payload), a `Moneypal-Request-Id`
//   header, and the reply envelope `{ok: true, data: {status: "ok"}}` or
//   `{ok: false, error: {code, message}}`.
//
// The services answer requests in one NATS queue group per service, so the bus request
// reaches *a* replica, not necessarily the one in this container: it says that the
// service and its database answer, not that this process does. With --live it fails only
// when NATS is reachable and no replica answers at all (an answer carrying an error, such
// as a database outage, or NATS itself being down, is something a restart cannot fix).
import { randomUUID } from 'node:crypto';

const timeoutMs = Number(process.env.HEALTHCHECK_TIMEOUT_MS ?? 3000);

const args = process.argv.slice(2);
const live = args.includes('--live');
const service = args.find((arg) => !arg.startsWith('--')) ?? process.env.SERVICE;

function healthy(message) {
  if (message) process.stdout.write(`${message}\n`);
  process.exit(0);
}

function unhealthy(message) {
  process.stderr.write(`${service ?? 'healthcheck'}: unhealthy: ${message}\n`);
  process.exit(1);
}

async function checkHttp(port, path) {
  const url = `http://127.0.0.1:${port}${path}`;
  let response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    unhealthy(`${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) {
    const body = (await response.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
    unhealthy(`${url} answered ${response.status}: ${body}`);
  }
  healthy();
}

async function checkBus(name) {
  const natsUrl = process.env.NATS_URL;
  if (!natsUrl) unhealthy('NATS_URL is not set');
  // Imported here so that the HTTP checks run in images without the NATS client.
  const { connect, headers, RequestError, TimeoutError } = await import('@nats-io/transport-node');
  let connection;
  try {
    connection = await connect({
      servers: natsUrl
        .split(',')
        .map((server) => server.trim())
        .filter((server) => server !== ''),
      name: `${name}-healthcheck`,
      timeout: timeoutMs,
      reconnect: false,
    });
  } catch (error) {
    const reason = `cannot reach NATS: ${error instanceof Error ? error.message : String(error)}`;
    if (live) healthy(`live: ${reason}`);
    unhealthy(reason);
  }
  const requestHeaders = headers();
  requestHeaders.set('Moneypal-Request-Id', `healthcheck-${randomUUID()}`);
  let outcome;
  try {
    const reply = await connection.request(`${name}.health`, JSON.stringify({}), {
      timeout: timeoutMs,
      headers: requestHeaders,
    });
    outcome = { envelope: reply.json() };
  } catch (error) {
    if (error instanceof RequestError && error.isNoResponders())
      outcome = { failure: `no ${name} replica answers` };
    else if (error instanceof TimeoutError)
      outcome = { failure: `no reply from ${name} within ${timeoutMs} ms` };
    else outcome = { failure: error instanceof Error ? error.message : String(error) };
  } finally {
    await connection.close().catch(() => undefined);
  }
  if (outcome.failure) unhealthy(outcome.failure);
  const envelope = outcome.envelope;
  if (envelope?.ok === true && envelope.data?.status === 'ok') healthy();
  const reason =
    envelope?.ok === false ? `${envelope.error?.code}: ${envelope.error?.message}` : 'malformed reply';
  if (live && envelope?.ok === false) healthy(`live: ${name} answers, but: ${reason}`);
  unhealthy(reason);
}

if (!service) unhealthy('name the service: node deploy/healthcheck.mjs <service> (or set SERVICE)');
if (service === 'gateway') await checkHttp(process.env.PORT ?? '8080', live ? '/healthz' : '/readyz');
else if (service === 'paypal-simulator')
  await checkHttp(process.env.PAYPAL_SIMULATOR_PORT ?? '8081', '/healthz');
else if (/^[a-z][a-z0-9-]*$/.test(service)) await checkBus(service);
else unhealthy(`not a service name: ${service}`);
