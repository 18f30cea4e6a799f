import type { english } from './english';

/** The shape of one namespace, with its strings as any string: what a translation must fill. */
export type Catalog<Namespace extends keyof typeof english> = Widen<(typeof english)[Namespace]>;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
