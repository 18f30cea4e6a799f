import { describe, expect, it } from 'vitest';
import {
  committedFiles,
  expectedFiles,
  generatedFiles,
  regenerateCommand,
  schemaSourceOf,
} from '../../../scripts/generate-api-client.mjs';

/*
 * The typed client (`packages/api-client`) is generated from the gateway's routes. A route
 * changed without generating it again would leave the web app and the whole-system tests
 * typed against an API that is no more, so the generated files must match the routes.
 */
describe('the typed API client', () => {
  it('was generated from the routes as they are now', async () => {
    const [expected, committed] = await Promise.all([expectedFiles(), committedFiles()]);
    for (const [path, text] of Object.entries(expected)) {
      expect(
        committed[path] === text,
        `${path} is out of date with the gateway's routes: run \`${regenerateCommand}\` and commit the result.`,
      ).toBe(true);
    }
  });

  it('generates both files: the document the gateway serves and its types', () => {
    expect(Object.values(generatedFiles).sort()).toEqual([
      'packages/api-client/openapi.json',
      'packages/api-client/src/schema.ts',
    ]);
  });

  it('types each operation of the document, so a change to a route changes the types', async () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 'MoneyPal API', version: '0.1.0' },
      paths: {
        '/v1/things/{id}': {
          get: {
            operationId: 'getV1ThingsById',
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: {
              '200': {
                description: 'OK',
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: { amount_minor: { type: 'integer' } },
                      required: ['amount_minor'],
                    },
                  },
                },
              },
            },
          },
        },
      },
    };
    const source = await schemaSourceOf(JSON.stringify(document));
    expect(source).toContain('"/v1/things/{id}"');
    expect(source).toContain('amount_minor: number');
    const renamed = JSON.stringify(document).replace('amount_minor', 'amount');
    expect(await schemaSourceOf(renamed)).not.toContain('amount_minor');
  });
});
