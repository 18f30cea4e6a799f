import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { english } from './resources';

/*
 * Every key of the English catalogues is said somewhere: the source names it, whole
 * (`t('plans.heading')`, `i18nKey="move.all"`, `'fund:redirecting'`), or builds it from a
 * prefix the catalogue groups under (`t(`statuses.${status}`)`, `returnObjects` of
 * `'refusals'`), or from a tail after a variable (`t(`${side}.heading`)`). A key no source
 * names is a sentence nobody reads, left behind when a screen changed.
 */

const sourceRoot = fileURLToPath(new URL('../', import.meta.url));

function sourceFilesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'i18n' ? [] : sourceFilesUnder(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const sources = sourceFilesUnder(sourceRoot).map((path) => readFileSync(path, 'utf8'));

/** Every key of a namespace, dotted, without i18next's plural suffixes. */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) =>
    keysOf(inner, prefix === '' ? key : `${prefix}.${key}`),
  );
}

const quoted = (text: string) => [`'${text}'`, `"${text}"`, `\`${text}\``];

/** Whether `source`, a file that speaks through `namespace`, names `key`. */
function names(source: string, namespace: string, key: string): boolean {
  const segments = key.split('.');
  const ancestors = segments.slice(0, -1).map((_, index) => segments.slice(0, index + 1).join('.'));
  const whole = [key, `${namespace}:${key}`].flatMap(quoted);
  const prefixes = ancestors.flatMap((ancestor) => [...quoted(ancestor), `\`${ancestor}.\${`]);
  const tail = segments.length > 1 ? [`}.${segments.slice(1).join('.')}\``] : [];
  return [...whole, ...prefixes, ...tail].some((pattern) => source.includes(pattern));
}

/** The files that speak through a namespace: they name it (`common` is every file's default). */
const speakersOf = (namespace: string) =>
  namespace === 'common' ? sources : sources.filter((source) => source.includes(`'${namespace}`));

describe('the catalogues', () => {
  it('hold no key that the source never names', () => {
    const unused = Object.entries(english).flatMap(([namespace, catalogue]) => {
      const speakers = speakersOf(namespace);
      return keysOf(catalogue)
        .filter((key) => !speakers.some((source) => names(source, namespace, key)))
        .map((key) => `${namespace}:${key}`);
    });
    expect(unused).toEqual([]);
  });

  it('find a key left behind', () => {
    expect(names("t('plans.heading')", 'savings', 'plans.saved')).toBe(false);
    expect(names("t('plans.saved')", 'savings', 'plans.saved')).toBe(true);
    expect(names(`t(\`statuses.\${status}\`)`, 'invoices', 'statuses.paid')).toBe(true);
    expect(names(`t(\`\${side}.heading\`)`, 'holds', 'payer.heading')).toBe(true);
  });
});
