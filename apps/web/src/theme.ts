/*
 * Light or dark: the system's preference by default (styles.css writes every colour as
 * `light-dark()`, so the first paint follows it before any script runs), or the theme chosen
 * on this device, written as `data-theme` on <html> and kept in localStorage.
 */

export type Theme = 'system' | 'light' | 'dark';

export const themes: readonly Theme[] = ['system', 'light', 'dark'];

/** Where the theme a person chose is kept, on this device. */
const storageKey = 'moneypal.theme';

/** The browser's bar colour per theme: the header's, so the page and the bar read as one. */
const themeColors = { light: '#1e3a8a', dark: '#0b1a3f' } as const;

function isTheme(value: string | null): value is Theme {
  return value !== null && (themes as readonly string[]).includes(value);
}

/** The theme chosen on this device, else the system's. */
export function storedTheme(): Theme {
  try {
    const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
    return isTheme(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

/**
 * Paints the page in `theme`: `color-scheme` through `data-theme`, and the browser's bar
 * colour (the two theme-color metas of index.html each answer one system preference; a chosen
 * theme gives both its own colour).
 */
export function applyTheme(theme: Theme): void {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    const scheme = theme === 'system' ? (meta.media.includes('dark') ? 'dark' : 'light') : theme;
    meta.content = themeColors[scheme];
  }
}

/** Switches the theme at once and remembers the choice on this device. */
export function chooseTheme(theme: Theme): void {
  try {
    localStorage.setItem(storageKey, theme);
  } catch {
    // A browser that keeps nothing still switches, for this visit.
  }
  applyTheme(theme);
}
