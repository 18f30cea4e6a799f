import { common as enCommon } from './en/common';
import { requests as enRequests } from './en/requests';
import { common as frCommon } from './fr/common';
import { requests as frRequests } from './fr/requests';

/*
 * Every string a person reads goes through i18next. English is the source: each namespace
 * (one per screen or feature) is a plain object in `en/`, and its French twin in `fr/` is typed
 * by it, so a key missing in either language fails the type check.
 */

export const english = {
  common: enCommon,
  requests: enRequests,
};

/** The shape of one namespace, with its strings as any string: what a translation must fill. */
export type Catalog<Namespace extends keyof typeof english> = Widen<(typeof english)[Namespace]>;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const french: { [Namespace in keyof typeof english]: Catalog<Namespace> } = {
  common: frCommon,
  requests: frRequests,
};

export const resources = { en: english, fr: french };

export type Language = keyof typeof resources;

export const languages: readonly Language[] = ['en', 'fr'];
