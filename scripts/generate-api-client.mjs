// Writes the typed API client's generated files from the gateway's routes, run by
// `npm run generate:api-client` after a route changes: `packages/api-client/openapi.json`, the
// document the gateway serves at /api/openapi.json, and `packages/api-client/src/schema.ts`, its
// TypeScript types by openapi-typescript. The gateway's tests fail while either is out of date.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGateway, loadGatewayConfig } from '@moneypal/gateway';
import { createLogger, MemoryBroker } from '@moneypal/kit';
import openapiTS, { astToString } from 'openapi-typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The generated files, by path from the repository's root. */
export const generatedFiles = {
  document: 'packages/api-client/openapi.json',
  schema: 'packages/api-client/src/schema.ts',
};

export const regenerateCommand = 'npm run generate:api-client';

/**
 * The OpenAPI document exactly as the gateway serves it: a gateway on an in-process bus with
 * the default configuration, asked for /api/openapi.json. Nothing else on the bus answers,
 * and the document needs nothing that would.
 */
export async function apiDocumentText() {
  const logger = createLogger({ service: 'gateway', level: 'silent' });
  const bus = new MemoryBroker().connect('gateway', logger);
  const gateway = await buildGateway({ bus, logger, config: loadGatewayConfig({}) });
  try {
    const response = await gateway.inject({ method: 'GET', url: '/api/openapi.json' });
    if (response.statusCode !== 200) throw new Error(`The gateway answered ${response.statusCode}.`);
    return `${JSON.stringify(response.json(), null, 2)}\n`;
  } finally {
    await gateway.close();
    await bus.close();
  }
}

/** The TypeScript types of a document, as openapi-typescript writes them. */
export async function schemaSourceOf(documentText) {
  // A property with a default is optional to send: the document lists what an answer always
  // has in `required`, so openapi-typescript need not guess it from defaults.
  const nodes = await openapiTS(JSON.parse(documentText), { alphabetize: false, defaultNonNullable: false });
  return [
    '// Generated from ../openapi.json by openapi-typescript: run `npm run generate:api-client`, never edit.',
    '',
    astToString(nodes),
  ].join('\n');
}

/** What the generated files should hold now, by path from the repository's root. */
export async function expectedFiles() {
  const document = await apiDocumentText();
  return { [generatedFiles.document]: document, [generatedFiles.schema]: await schemaSourceOf(document) };
}

/** What the generated files hold in the working tree, empty for a missing one. */
export async function committedFiles() {
  const entries = await Promise.all(
    Object.values(generatedFiles).map(async (path) => [
      path,
      await readFile(resolve(root, path), 'utf8').catch(() => ''),
    ]),
  );
  return Object.fromEntries(entries);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [path, text] of Object.entries(await expectedFiles())) {
    await writeFile(resolve(root, path), text);
    console.log(`wrote ${path}`);
  }
}
