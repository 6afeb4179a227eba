/**
 * The building blocks of the controller-config definition. Each builder returns a plain runtime
 * `Shape` (what `checkShape` walks) whose static type also records what it accepts, so `Infer`
 * derives the TypeScript type from the same value. Object nodes keep their field records as
 * written, which carries each key's doc comment into the derived types and into `.d.ts` output.
 */

/**
 * A TTL as Argo's `config.TTL` parses it: a whole number with one unit `d`, `h`, `m` or `s`
 * (`30d`, `12h`, `0s`). Compound values such as `1h30m` make the controller exit.
 */
export type Ttl = string;

/** A Go duration string (`5s`, `1m30s`), used by `podGCDeleteDelayDuration` and `initialDelay`. */
export type GoDuration = string;

/** What a value in the config tree may be. */
export type Shape =
  | { readonly kind: 'string' | 'int' | 'number' | 'bool' | 'ttl' | 'duration' | 'intOrString' | 'any' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, Shape>>; readonly required?: readonly string[] }
  | { readonly kind: 'map'; readonly value: Shape }
  | { readonly kind: 'list'; readonly item: Shape };

/** The TypeScript type of each leaf kind. */
interface LeafTypes {
  string: string;
  int: number;
  number: number;
  bool: boolean;
  ttl: Ttl;
  duration: GoDuration;
  intOrString: number | string;
  any: unknown;
}

declare const VALUE: unique symbol;
/** Compile time only: a node whose values have type `T`, whatever its runtime shape says. */
export interface Typed<T> { readonly [VALUE]: T }

export interface LeafNode<K extends keyof LeafTypes> { readonly kind: K }
export interface EnumNode<V extends string> { readonly kind: 'enum'; readonly values: readonly V[] }
export interface ObjectNode<F, R extends keyof F = never> { readonly kind: 'object'; readonly fields: F; readonly required?: readonly R[] }
export interface MapNode<V> { readonly kind: 'map'; readonly value: V }
export interface ListNode<I> { readonly kind: 'list'; readonly item: I }

/** The field records of object nodes. */
export type Fields = { readonly [key: string]: Shape };

/** Turns an intersection into one object type, so hovers show plain properties. */
type Flat<T> = T extends infer U ? { [K in keyof U]: U[K] } : never;

/**
 * The value type of an object node: every key readonly, the `R` keys required and the others
 * optional. Both halves map over `keyof F`, so each property keeps the declaration (and the doc
 * comment) of its field in the definition.
 */
export type ObjectOf<F, R extends keyof F = never> = Flat<
  { readonly [K in keyof F]+?: Infer<F[K]> } & { readonly [K in keyof F as K extends R ? K : never]-?: Infer<F[K]> }
>;

/** The TypeScript type of the values a node accepts. */
export type Infer<N> =
  N extends Typed<infer T> ? T
  : N extends EnumNode<infer V> ? V
  : N extends ObjectNode<infer F, infer R> ? ObjectOf<F, R>
  : N extends ListNode<infer I> ? Infer<I>[]
  : N extends MapNode<infer V> ? Record<string, Infer<V>>
  : N extends LeafNode<infer K> ? LeafTypes[K]
  : never;

export const str: LeafNode<'string'> = { kind: 'string' };
export const int: LeafNode<'int'> = { kind: 'int' };
export const num: LeafNode<'number'> = { kind: 'number' };
export const bool: LeafNode<'bool'> = { kind: 'bool' };
/** Argo's `config.TTL`: one whole unit, `30d`, `12h`, `10m` or `0s`. */
export const ttl: LeafNode<'ttl'> = { kind: 'ttl' };
/** A Go duration string such as `5s` or `1m30s`. */
export const duration: LeafNode<'duration'> = { kind: 'duration' };
export const intOrString: LeafNode<'intOrString'> = { kind: 'intOrString' };

/** One of the given strings. */
export const oneOf = <V extends string>(...values: V[]): EnumNode<V> => ({ kind: 'enum', values });

/** An object with exactly these keys; the `required` ones must be set and not empty. */
export const obj = <F extends Fields, R extends keyof F & string = never>(fields: F, required?: R[]): ObjectNode<F, NoInfer<R>> =>
  ({ kind: 'object', fields, required });

/** An object with any keys, each value of the given shape. */
export const mapOf = <V extends Shape>(value: V): MapNode<V> => ({ kind: 'map', value });

/** A list whose items have the given shape. */
export const listOf = <I extends Shape>(item: I): ListNode<I> => ({ kind: 'list', item });

/**
 * A Kubernetes value that is not checked inside at run time and has the `kubernetes-models` type
 * `T` at compile time, e.g. `k8s<Toleration[]>()`.
 */
export const k8s = <T>(): LeafNode<'any'> & Typed<T> => ({ kind: 'any' }) as LeafNode<'any'> & Typed<T>;

/**
 * A field of an Argo type that argo-stack does not model: accepted as is at run time, `unknown`
 * (or `T`) at compile time.
 */
export const unchecked = <T = unknown>(): LeafNode<'any'> & Typed<T> => ({ kind: 'any' }) as LeafNode<'any'> & Typed<T>;

/**
 * A Kubernetes object whose keys are checked at run time against `fields` and whose compile-time
 * type is the `kubernetes-models` type `T`. Every field must be a key of `T`.
 */
export const k8sObj = <T>(fields: { readonly [K in keyof T]?: Shape }, required?: (keyof T & string)[]): ObjectNode<Fields> & Typed<T> =>
  ({ kind: 'object', fields: fields as Fields, required }) as ObjectNode<Fields> & Typed<T>;
