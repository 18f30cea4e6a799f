import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { english, type Language, languages, resources } from './resources';

export { Trans, useTranslation } from 'react-i18next';
export { type Language, languages } from './resources';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof english;
  }
}

/** Where the language a person chose is kept, on this device. */
const storageKey = 'moneypal.language';

/** The language chosen on this device, else the first of the browser's that MoneyPal speaks, else English. */
export function initialLanguage(
  stored: string | null = readStored(),
  preferred: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function isLanguage(value: string | null | undefined): value is Language {
  return value != null && (languages as readonly string[]).includes(value);
}

function readStored(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: languages,
  defaultNS: 'common',
  ns: Object.keys(english),
  interpolation: { escapeValue: false },
  initAsync: false,
});

syncDocumentLanguage(i18n.language);
i18n.on('languageChanged', syncDocumentLanguage);

/** The page's language and its description (what a search result or a shared link shows) follow the app's. */
function syncDocumentLanguage(language: string): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = language;
  document.querySelector('meta[name="description"]')?.setAttribute('content', i18n.t('description'));
}

/**
 * The BCP 47 locale that numbers, money and dates are written in: the browser's own variant
 * of the chosen language when it has one (`en-GB`, `fr-CA`), else the language itself.
 */
export function currentLocale(
  preferred: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): string {
  const language = i18n.resolvedLanguage ?? i18n.language ?? 'en';
  return preferred.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

/** Switches the app's language and remembers the choice on this device. */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // A browser that keeps nothing still switches, for this visit.
  }
  await i18n.changeLanguage(language);
}
