/**
 * The values the fuzz puts into options: wrong types for each kind (every one invalid there),
 * unknown keys (near misses of a real key, random names, names of Object.prototype members), and
 * anything at all. Each value is made fresh by a function, so a circular object is never shared.
 *
 * `null` is a wrong type everywhere: an option is either a value of its type or unset (`undefined`).
 */
import { Duration } from 'cdk8s';
import fc from 'fast-check';
import { Sso } from '../../src/config/auth/sso';
import { Credentials } from '../../src/config/credentials';
import { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import { WorkloadIdentity } from '../../src/config/identity/workload-identity';
import { Exposure, IngressController, IngressTls, ServerTls } from '../../src/config/exposure';
import type { Kind, Prop } from './surface';

/** A value with a short label for reports. */
export interface Labeled {
  readonly label: string;
  readonly make: () => unknown;
}

const v = (label: string, make: () => unknown): Labeled => ({ label, make });
const nullPrototype = () => Object.assign(Object.create(null) as Record<string, unknown>, { bogus: 1 });
const circular = () => {
  const o: Record<string, unknown> = { bogus: 1 };
  o.self = o;
  return o;
};

/** Invalid at every path: null, and values that are no option type at all. */
const EXOTIC: readonly Labeled[] = [
  v('null', () => null),
  v('BigInt', () => BigInt(10)),
  v('Symbol', () => Symbol('fuzz')),
  v('function', () => function fuzz() { return 1; }),
  v('circular object', circular),
  v('null-prototype object', nullPrototype),
  v('Date', () => new Date(0)),
];

const STRING = v('string', () => 'fuzz');
const NUMBER = v('number', () => 42);
const BOOLEAN = v('boolean', () => true);
const OBJECT = v('object', () => ({ bogus: 1 }));
const LIST = v('array', () => ['fuzz']);
const EMPTY_LIST = v('empty array', () => []);
const LONG = v('100000-character string', () => 'x'.repeat(100_000));
const CREDENTIALS = v('Credentials instance', () => Credentials.existing());
const REPOSITORY = v('ArtifactRepository instance', () => ArtifactRepository.gcs({ bucket: 'fuzz-bucket' }));
const IDENTITY = v('WorkloadIdentity instance', () => WorkloadIdentity.gke('fuzz-wi@fuzz-project.iam.gserviceaccount.com'));

/** Numbers no count, port or number of seconds can be. */
const BAD_NUMBERS: readonly Labeled[] = [
  v('NaN', () => NaN), v('Infinity', () => Infinity), v('-Infinity', () => -Infinity), v('1e21', () => 1e21),
  v('negative number', () => -1), v('fraction', () => 1.5),
];

function wrongForEnum(values: readonly (string | number)[]): Labeled[] {
  const numeric = typeof values[0] === 'number';
  const first = values[0];
  const swapped = typeof first === 'string' && first.toUpperCase() !== first ? first.toUpperCase() : `${String(first).toLowerCase()}x`;
  return numeric
    ? [v('string of an enum value', () => String(first)), v('number outside the enum', () => Math.max(...(values as number[])) + 1), STRING, BOOLEAN, OBJECT]
    : [v('enum value in another case', () => swapped), v('unknown enum value', () => 'bogus'), NUMBER, BOOLEAN, OBJECT, LIST];
}

function wrongForInstance(className: string): Labeled[] {
  switch (className) {
    case 'Credentials': return [v('literal credentials object', () => ({ username: 'argo', password: 'hunter2' })), v('look-alike object', () => ({ kind: 'existing' })), v('password string', () => 'hunter2'), REPOSITORY, NUMBER, LIST];
    case 'ArtifactRepository': return [v('look-alike object', () => ({ s3: { bucket: 'fuzz-bucket' } })), CREDENTIALS, IDENTITY, STRING, NUMBER, LIST];
    case 'WorkloadIdentity': return [v('look-alike object', () => ({ kind: 'aws-irsa', value: 'arn:aws:iam::123456789012:role/x' })), v('role ARN string', () => 'arn:aws:iam::123456789012:role/x'), REPOSITORY, CREDENTIALS, NUMBER, LIST];
    case 'Exposure': return [v('look-alike object', () => ({ kind: 'load-balancer' })), v('service type string', () => 'LoadBalancer'),
      v('IngressController instance', () => IngressController.nginx()), v('ServerTls instance', () => ServerTls.plainText()), CREDENTIALS, NUMBER, LIST];
    case 'ServerTls': return [v('boolean (the old secure)', () => false), v('look-alike object', () => ({ kind: 'plain-text' })), v('Secret name string', () => 'argo-tls'),
      v('IngressTls instance', () => IngressTls.none()), v('Exposure instance', () => Exposure.clusterIp()), CREDENTIALS, NUMBER, LIST];
    case 'Sso': return [v('look-alike object', () => ({ issuer: 'https://idp.example.com' })), v('Sso without options', () => Sso.oidc(undefined as never)), CREDENTIALS, REPOSITORY, STRING, NUMBER, LIST];
    default: return [OBJECT, STRING, NUMBER, LIST];
  }
}

/** Wrong values for a kind, every one invalid at a path of that kind. `schema`: under controller.config, type errors only. */
export function wrongValues(kind: Kind, schema: boolean): Labeled[] {
  const object = [STRING, NUMBER, BOOLEAN, LIST, EMPTY_LIST, LONG, CREDENTIALS];
  const own = ((): Labeled[] => {
    switch (kind.kind) {
      case 'string': return [NUMBER, BOOLEAN, OBJECT, LIST];
      case 'number': return [v('numeric string', () => '3'), BOOLEAN, OBJECT, LIST, LONG, ...(schema ? BAD_NUMBERS.slice(0, 3) : BAD_NUMBERS)];
      case 'boolean': return [v('string "true"', () => 'true'), v('number 1', () => 1), OBJECT, LIST, LONG];
      case 'enum': return [...wrongForEnum(kind.values), LONG];
      case 'object': return object;
      case 'union': return [v('string "true"', () => 'true'), v('number 1', () => 1), LIST, LONG, CREDENTIALS];
      case 'list': return [STRING, NUMBER, BOOLEAN, OBJECT, LONG];
      case 'map': return [STRING, NUMBER, BOOLEAN, LIST, LONG];
      case 'duration': return [v('number of seconds', () => 30), BOOLEAN, OBJECT, LIST, LONG, v('Duration of 1.5 s', () => Duration.millis(1500))];
      case 'instance': return wrongForInstance(kind.className);
      case 'opaque': return kind.shape === 'object' ? object : kind.shape === 'list' ? [STRING, NUMBER, BOOLEAN, OBJECT, LONG] : [];
    }
  })();
  return [...own, ...EXOTIC];
}

/** An unknown key for an object: its kind of mistake, the key, and a value to give it. */
export interface UnknownKey {
  readonly variant: 'case change' | 'typo' | 'random name' | 'Object.prototype name';
  readonly key: string;
  readonly value: unknown;
}

export const PROTOTYPE_NAMES = ['toString', 'valueOf', 'constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'];

function caseChange(key: string): string {
  const flipped = key[0] === key[0].toUpperCase() ? key[0].toLowerCase() + key.slice(1) : key[0].toUpperCase() + key.slice(1);
  return flipped !== key ? flipped : key.toUpperCase();
}

/** One edit: delete, double, swap with the next, or replace the character at `at`. */
function typo(key: string, op: number, at: number, letter: string): string {
  const i = at % key.length;
  switch (op) {
    case 0: return key.length > 1 ? key.slice(0, i) + key.slice(i + 1) : `${key}${letter}`;
    case 1: return key.slice(0, i + 1) + key[i] + key.slice(i + 1);
    case 2: return i + 1 < key.length && key[i] !== key[i + 1] ? key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2) : `${key}${letter}`;
    default: return key.slice(0, i) + (key[i] === letter ? 'q' : letter) + key.slice(i + 1);
  }
}

/** Unknown keys for an object with `props`, whose current value is `value`. */
export function unknownKeys(props: readonly Prop[], value: Record<string, unknown>): fc.Arbitrary<UnknownKey> {
  const names = props.map((p) => p.name);
  const known = new Set(names);
  const valueOf = (name: string) => (value[name] !== undefined ? value[name] : 'fuzz');
  const loose = fc.constantFrom<unknown>('fuzz', 1, true, {});
  const near = names.length === 0 ? [] : [
    fc.constantFrom(...names).map((name) => ({ variant: 'case change' as const, key: caseChange(name), value: valueOf(name) })),
    fc.tuple(fc.constantFrom(...names), fc.nat(3), fc.nat(40), fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'))
      .map(([name, op, at, letter]) => ({ variant: 'typo' as const, key: typo(name, op, at, letter), value: valueOf(name) })),
  ];
  return fc.oneof(
    ...near,
    fc.tuple(fc.stringMatching(/^[a-z][a-zA-Z0-9]{3,11}$/), loose).map(([key, val]) => ({ variant: 'random name' as const, key, value: val })),
    fc.tuple(fc.constantFrom(...PROTOTYPE_NAMES), loose).map(([key, val]) => ({ variant: 'Object.prototype name' as const, key, value: val })),
  ).filter((k) => !known.has(k.key) && k.key !== '__proto__');
}

const ANYTHING = fc.anything({
  maxDepth: 2, maxKeys: 4, withBigInt: true, withNullPrototype: true, withBoxedValues: true, withDate: true,
  withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withObjectString: true, withUnicodeString: true,
});

/** Values of roughly the right shape for a kind, valid or not, so that some inputs are accepted. */
function shaped(kind: Kind): fc.Arbitrary<unknown> {
  switch (kind.kind) {
    case 'string': return fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', 'argo', 'a-b', 'A_B', '/x/', 'x'.repeat(300), 'x\ny'));
    case 'number': return fc.oneof(fc.integer({ min: -3, max: 70_000 }), fc.double(), fc.constantFrom(0, 1, 65_535, 65_536, 2 ** 31, 1e21));
    case 'boolean': return fc.boolean();
    case 'enum': return fc.constantFrom(...kind.values);
    case 'object': return fc.dictionary(fc.constantFrom(...kind.props.map((p) => p.name), 'bogus'), ANYTHING, { maxKeys: 3 });
    case 'union': return fc.oneof(fc.boolean(), ...kind.options.filter((o) => o.kind !== 'boolean').map(shaped));
    case 'list': return fc.array(shaped(kind.item), { maxLength: 3 });
    case 'map': return fc.dictionary(fc.string({ maxLength: 8 }), shaped(kind.value), { maxKeys: 3 });
    case 'duration': return fc.oneof(fc.constantFrom('30d', '1h', '0s', '1h30m', '1.5h', '-1d'), fc.nat(1_000_000).map((ms) => Duration.millis(ms)));
    case 'instance': return fc.constantFrom(Credentials.existing(), Credentials.generated(), ArtifactRepository.gcs({ bucket: 'fuzz-bucket' }), Duration.days(1),
      WorkloadIdentity.awsIrsa('arn:aws:iam::123456789012:role/fuzz'), WorkloadIdentity.azure('00000000-0000-0000-0000-000000000000'), WorkloadIdentity.azureDeferred(), WorkloadIdentity.alibabaRrsa('fuzz'),
      Exposure.clusterIp(), Exposure.loadBalancer({ sourceRanges: ['10.0.0.0/8'] }), ServerTls.selfSigned(), ServerTls.plainText(), ServerTls.fromSecret('fuzz-tls'),
      ServerTls.certManager({ issuer: 'fuzz-ca' }), IngressTls.none(),
      Exposure.ingress({ controller: IngressController.traefik(), hosts: ['fuzz.example.com'], tls: IngressTls.certManager({ clusterIssuer: 'fuzz' }) }),
      Exposure.gateway({ parentRefs: [{ name: 'eg' }], hostnames: ['fuzz.example.com'], backendTls: { caConfigMap: 'fuzz-ca' } }),
      Sso.oidc({ issuer: 'https://idp.example.com' }), Sso.argoCdDex({ argoCdUrl: 'http://argocd' }));
    case 'opaque': return ANYTHING;
  }
}

/** Anything: mostly `fc.anything()` (BigInt, null-prototype, boxed, Map, Set, typed and sparse arrays), some near the kind. */
export function anything(kind: Kind): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: ANYTHING, weight: 3 }, { arbitrary: shaped(kind), weight: 2 });
}

/** The type of a value in a few words, for reports. */
export function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'empty array' : 'array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : !Number.isFinite(value) ? 'Infinity' : Number.isInteger(value) ? 'integer' : 'fraction';
  if (typeof value !== 'object') return typeof value;
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === null) return 'null-prototype object';
  const name = (proto.constructor as { name?: string } | undefined)?.name ?? 'object';
  return name === 'Object' ? (Object.keys(value).length === 0 ? 'empty object' : 'object') : `${name} instance`;
}
