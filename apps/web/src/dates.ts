import { currentLocale } from './i18n';

/** Times from the API are RFC 3339 UTC; people see them in their own time zone, written the chosen language's way. */

const formats = {
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  day: { dateStyle: 'medium', timeZone: 'UTC' },
  shortDay: { month: 'short', day: 'numeric', timeZone: 'UTC' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(format: keyof typeof formats, locale: string): Intl.DateTimeFormat {
  const cacheKey = `${locale}|${format}`;
  let formatter = formatters.get(cacheKey);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, formats[format]);
    formatters.set(cacheKey, formatter);
  }
  return formatter;
}

export function formatDateTime(timestamp: string, locale: string = currentLocale()): string {
  return formatterOf('dateTime', locale).format(new Date(timestamp));
}

/** A calendar day (`YYYY-MM-DD`), as reports name days. */
export function formatDay(day: string, locale: string = currentLocale()): string {
  return formatterOf('day', locale).format(new Date(`${day}T00:00:00Z`));
}

export function formatShortDay(day: string, locale: string = currentLocale()): string {
  return formatterOf('shortDay', locale).format(new Date(`${day}T00:00:00Z`));
}

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(text: string): boolean {
  const match = dayPattern.exec(text);
  if (match === null) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Today in the person's time zone, as a date input holds it. */
export function today(now: Date = new Date()): string {
  return localDayOf(now);
}

export function localDayOf(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** `'2026-01-31', 1` → `'2026-02-01'`. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The instant a local calendar day starts, as the history's `from` (inclusive) and `to` (exclusive) take it. */
export function startOfLocalDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date).toISOString();
}
