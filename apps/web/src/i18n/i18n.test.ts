import { describe, expect, it } from 'vitest';
import { currentLocale, i18n, initialLanguage } from './index';
import { english, french } from './resources';

/** Every string of a catalogue, by its dotted key. */
function stringsOf(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) =>
    stringsOf(inner, prefix === '' ? key : `${prefix}.${key}`),
  );
}

const keysOf = (catalogue: unknown) => stringsOf(catalogue).map(([key]) => key);

describe('translations', () => {
  it('give French every key English has, and no other', () => {
    expect(keysOf(french).sort()).toEqual(keysOf(english).sort());
  });

  it('leave no French string empty', () => {
    expect(stringsOf(french).filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  it('start in the language chosen on this device, else the browser’s, else English', () => {
    expect(initialLanguage('fr', ['en-US'])).toBe('fr');
    expect(initialLanguage(null, ['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(initialLanguage('klingon', ['de'])).toBe('en');
    expect(initialLanguage(null, [])).toBe('en');
  });

  it('answer in the chosen language', async () => {
    await i18n.changeLanguage('fr');
    expect(i18n.t('language')).toBe('Langue');
    await i18n.changeLanguage('en');
    expect(i18n.t('language')).toBe('Language');
  });

  it('write numbers and dates in the browser’s own variant of the chosen language, else the language', async () => {
    await i18n.changeLanguage('fr');
    expect(currentLocale(['en-GB', 'fr-CA'])).toBe('fr-CA');
    expect(currentLocale(['de-DE'])).toBe('fr');
    await i18n.changeLanguage('en');
    expect(currentLocale(['en-GB', 'fr-CA'])).toBe('en-GB');
    expect(currentLocale([])).toBe('en');
  });
});
