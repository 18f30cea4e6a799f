// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { applyTheme, chooseTheme, storedTheme } from './theme';

function addThemeColorMeta(media: string): HTMLMetaElement {
  const meta = document.createElement('meta');
  meta.name = 'theme-color';
  meta.media = media;
  document.head.append(meta);
  return meta;
}

afterEach(() => {
  localStorage.clear();
  document.head.replaceChildren();
  delete document.documentElement.dataset.theme;
});

describe('the theme', () => {
  it('follows the system until one is chosen, and keeps the choice on this device', () => {
    expect(storedTheme()).toBe('system');
    chooseTheme('dark');
    expect(storedTheme()).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    chooseTheme('system');
    expect(storedTheme()).toBe('system');
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('ignores a stored value that is no theme', () => {
    localStorage.setItem('moneypal.theme', 'sepia');
    expect(storedTheme()).toBe('system');
  });

  it('gives the browser bar the chosen theme’s colour, else each system preference its own', () => {
    const light = addThemeColorMeta('(prefers-color-scheme: light)');
    const dark = addThemeColorMeta('(prefers-color-scheme: dark)');
    applyTheme('light');
    expect([light.content, dark.content]).toEqual(['#1e3a8a', '#1e3a8a']);
    applyTheme('dark');
    expect([light.content, dark.content]).toEqual(['#0b1a3f', '#0b1a3f']);
    applyTheme('system');
    expect([light.content, dark.content]).toEqual(['#1e3a8a', '#0b1a3f']);
  });
});
