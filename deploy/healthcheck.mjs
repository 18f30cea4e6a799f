// The health probe of the MoneyPal images (Docker HEALTHCHECK; the images have no curl).
// Kubernetes probes the same endpoints with httpGet and does not need it.
//
//   node deploy/healthcheck.mjs [SERVICE] [--live]
//
// SERVICE defaults to $SERVICE (set in each service image). Exit 0 is healthy, 1 is not,
// with the reason on stderr. Every check is an HTTP GET on 127.0.0.1, so it answers for
// this container's process:
//
// - gateway: /readyz on $PORT (the bus and every service answer); /healthz with --live.
// - paypal-simulator: /healthz on $PAYPAL_SIMULATOR_PORT.
// - every other service: /readyz on its operations port $OPS_PORT (its database answers
//   and its bus connection is up); /healthz with --live (the process is alive).

const timeoutMs = Number(process.env.HEALTHCHECK_TIMEOUT_MS ?? 3000);

const args = process.argv.slice(2);
const live = args.includes('--live');
const service = args.find((arg) => !arg.startsWith('--')) ?? process.env.SERVICE;

function unhealthy(message) {
  process.stderr.write(`${service ?? 'healthcheck'}: unhealthy: ${message}\n`);
  process.exit(1);
}

async function checkHttp(port, path) {
  if (!port) unhealthy('no port to probe');
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
  process.exit(0);
}

const path = live ? '/healthz' : '/readyz';
if (!service) unhealthy('name the service: node deploy/healthcheck.mjs <service> (or set SERVICE)');
if (service === 'gateway') await checkHttp(process.env.PORT ?? '8080', path);
else if (service === 'paypal-simulator')
  await checkHttp(process.env.PAYPAL_SIMULATOR_PORT ?? '8081', '/healthz');
else if (/^[a-z][a-z0-9-]*$/.test(service)) await checkHttp(process.env.OPS_PORT, path);
else unhealthy(`not a service name: ${service}`);
