/**
 * How artifact storage is named and addressed: bucket, container and storage account names, hosts
 * and URLs, `{ name, key }` references to Secret and ConfigMap keys, and key formats. Internal to the
 * package; the validators the cloud components need (they name buckets and containers too) are
 * exported from `artifact-repository.ts`.
 */
import type { ConfigMapKeySelector, SecretKeySelector } from '../controller-config';
import { closest, exampleKey, isPlainObject, redact } from '../check';
import { invalid } from '../errors';
import { validateDnsSubdomain } from '../names';

/** An IPv4 address, which bucket names and Azure endpoint hosts must not be. */
export const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const HOST = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const SECRET_DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/** A name close to `value` made of lower-case letters, digits and the allowed separators. */
function suggestName(value: unknown, allowed: RegExp, fallback: string): string {
  const s = String(typeof value === 'string' ? value : '').toLowerCase()
    .replace(/^[a-z0-9]+:\/\//, '').replace(allowed, '-').replace(/-{2,}/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').slice(0, 63)
    .replace(/[^a-z0-9]+$/, '');
  return s.length >= 3 ? s : fallback;
}

function schemeFix(option: string, value: string, scheme: string, fallback: string): string | undefined {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)/i.exec(value);
  if (m && m[1].toLowerCase() === scheme) return `drop the "${scheme}://" prefix: use ${JSON.stringify(m[2] || fallback)} as ${option.split('.').pop()}`;
  return undefined;
}

const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const S3_RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const S3_RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * Checks an S3 bucket name (AWS general purpose bucket rules): 3-63 characters of a-z, 0-9, "."
 * and "-", starting and ending with a letter or digit, no "..", not an IPv4 address, no reserved
 * prefix or suffix.
 */
export function validateS3Bucket(option: string, value: unknown): string {
  const rule = 'an S3 bucket name is 3-63 characters of lower-case letters, digits, "." and "-", starting and ending with a letter or digit';
  if (typeof value !== 'string' || !S3_BUCKET.test(value)) {
    const fix = typeof value === 'string' ? schemeFix(option, value, 's3', 'my-bucket') : undefined;
    throw invalid(option, value, rule, fix ?? `use a name like ${JSON.stringify(suggestName(value, /[^a-z0-9.-]+/g, 'my-bucket'))}`);
  }
  if (value.includes('..')) {
    throw invalid(option, value, 'an S3 bucket name must not contain ".."', `use ${JSON.stringify(value.replace(/\.{2,}/g, '.'))}`);
  }
  if (IPV4.test(value)) {
    throw invalid(option, value, 'an S3 bucket name must not be formatted as an IP address', 'use a name like "my-bucket"');
  }
  for (const p of S3_RESERVED_PREFIXES) {
    if (value.startsWith(p)) throw invalid(option, value, `an S3 bucket name must not start with the reserved prefix "${p}"`, `choose a name that does not start with "${p}"`);
  }
  for (const s of S3_RESERVED_SUFFIXES) {
    if (value.endsWith(s)) throw invalid(option, value, `an S3 bucket name must not end with the reserved suffix "${s}"`, `choose a name that does not end with "${s}"`);
  }
  return value;
}

const GCS_PART = /^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$/;

/**
 * Checks a GCS bucket name: 3-63 characters of a-z, 0-9, "-" and "_", starting and ending with a
 * letter or digit; dotted names (domain-verified) up to 222 characters with parts of at most 63;
 * not an IP address, no "goog" prefix, no "google" or close misspelling.
 */
export function validateGcsBucket(option: string, value: unknown): string {
  const rule = 'a GCS bucket name is 3-63 characters of lower-case letters, digits, "-" and "_", starting and ending with a letter or digit (a name with "." may have 222 characters, at most 63 between dots, and needs a verified domain)';
  const parts = typeof value === 'string' ? value.split('.') : [];
  const dotted = parts.length > 1;
  if (typeof value !== 'string' || value.length < 3 || value.length > (dotted ? 222 : 63)
    || parts.some((p) => p.length > 63 || !GCS_PART.test(p))) {
    const fix = typeof value === 'string' ? schemeFix(option, value, 'gs', 'my-bucket') : undefined;
    throw invalid(option, value, rule, fix ?? `use a name like ${JSON.stringify(suggestName(value, /[^a-z0-9_-]+/g, 'my-bucket'))}`);
  }
  if (IPV4.test(value)) {
    throw invalid(option, value, 'a GCS bucket name must not be formatted as an IP address', 'use a name like "my-bucket"');
  }
  if (value.startsWith('goog')) {
    throw invalid(option, value, 'a GCS bucket name must not start with "goog"', 'choose a name that does not start with "goog"');
  }
  if (/g[o0]{2}g[l1]e/i.test(value)) {
    throw invalid(option, value, 'a GCS bucket name must not contain "google" or a close misspelling such as "g00gle"', 'choose a name without "google"');
  }
  return value;
}

const OSS_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Checks an Alibaba Cloud OSS bucket name: 3-63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit. */
export function validateOssBucket(option: string, value: unknown): string {
  if (typeof value !== 'string' || !OSS_BUCKET.test(value)) {
    const fix = typeof value === 'string' ? schemeFix(option, value, 'oss', 'my-bucket') : undefined;
    throw invalid(option, value, 'an OSS bucket name is 3-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit',
      fix ?? `use a name like ${JSON.stringify(suggestName(value, /[^a-z0-9-]+/g, 'my-bucket'))}`);
  }
  return value;
}

/** An Azure storage account name (also the first host label of a blob endpoint). */
export const AZURE_ACCOUNT = /^[a-z0-9]{3,24}$/;
const AZURE_CONTAINER = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** A valid storage account name close to `value` (or "mystorageaccount"), for "Fix:" hints. */
export function suggestAzureAccount(value: unknown): string {
  const s = String(typeof value === 'string' ? value : '').toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 24);
  return s.length >= 3 ? s : 'mystorageaccount';
}

/** Checks an Azure storage account name: 3-24 lower-case letters and digits. */
export function validateAzureAccountName(option: string, value: unknown): string {
  if (typeof value !== 'string' || !AZURE_ACCOUNT.test(value)) {
    throw invalid(option, value, 'an Azure storage account name is 3-24 lower-case letters and digits', `use a name like ${JSON.stringify(suggestAzureAccount(value))}`);
  }
  return value;
}

/** Checks an Azure blob container name: 3-63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit, no "--". */
export function validateAzureContainer(option: string, value: unknown): string {
  if (typeof value !== 'string' || !AZURE_CONTAINER.test(value)) {
    throw invalid(option, value, 'an Azure blob container name is 3-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit, with no "--"',
      `use a name like ${JSON.stringify(suggestName(value, /[^a-z0-9-]+/g, 'artifacts'))}`);
  }
  return value;
}

/** Checks a `{ name, key }` Secret key reference and returns a copy. */
export function validateSecretKeySelector(option: string, value: unknown): SecretKeySelector {
  return checkKeySelector(option, value, 'Secret') as SecretKeySelector;
}

/**
 * A `{ name, key }` reference. For a Secret, anything that is not such a reference (often the secret
 * itself, written where its reference belongs) is never shown.
 */
export function checkKeySelector(option: string, value: unknown, kind: 'Secret' | 'ConfigMap'): SecretKeySelector | ConfigMapKeySelector {
  const secret = kind === 'Secret';
  const key = exampleKey(option);
  if (!isPlainObject(value)) {
    throw secret
      ? invalid(option, redact(value), 'it must reference a Secret key as { name, key }, not hold the secret itself',
        `put the value in a Secret and give { name: "my-secret", key: ${JSON.stringify(key)} }`)
      : invalid(option, value, 'it must reference a ConfigMap key as { name, key }', `give an object like { name: "my-configmap", key: ${JSON.stringify(key)} }`);
  }
  for (const k of Object.keys(value)) {
    if (k !== 'name' && k !== 'key' && k !== 'optional') {
      throw secret
        ? invalid(`${option}.${k}`, redact(value[k]), 'a Secret key reference has only name, key and optional', `remove ${k} (never put the secret itself in the options)`)
        : invalid(`${option}.${k}`, value[k], 'a ConfigMap key reference has only name, key and optional', `remove ${k}`);
    }
  }
  const name = validateDnsSubdomain(`${option}.name`, value.name);
  if (typeof value.key !== 'string' || value.key.length > 253 || !SECRET_DATA_KEY.test(value.key)) {
    throw invalid(`${option}.key`, value.key, `a ${kind} data key is 1-253 characters of letters, digits, "-", "_" and "."`, `give the key inside the object, e.g. ${JSON.stringify(key)}`);
  }
  if (value.optional !== undefined && typeof value.optional !== 'boolean') {
    throw invalid(`${option}.optional`, value.optional, 'it must be true or false', 'give a boolean or remove it');
  }
  return { name, key: value.key, ...(value.optional !== undefined ? { optional: value.optional as boolean } : {}) };
}

// ---- key formats ----

/** The one-letter `workflow.creationTimestamp.<x>` variables Argo sets (its strftime subset), plus `s` and `RFC3339`. */
export const CREATION_TIMESTAMP_FORMATS: readonly string[] = ['Y', 'y', 'm', 'd', 'H', 'I', 'M', 'S', 'L', 'p', 'B', 'b', 'A', 'a', 'Z', 'z', 's', 'RFC3339'];
/** Variables without a suffix that Argo resolves in a key format. */
export const KEY_FORMAT_VARIABLES: readonly string[] = [
  'workflow.name', 'workflow.namespace', 'workflow.uid', 'workflow.creationTimestamp', 'workflow.mainEntrypoint',
  'workflow.serviceAccountName', 'pod.name', ...CREATION_TIMESTAMP_FORMATS.map((c) => `workflow.creationTimestamp.${c}`),
];
/** Variable prefixes that take a label, annotation or parameter name. */
const KEY_FORMAT_PREFIXES = ['workflow.labels.', 'workflow.annotations.', 'workflow.parameters.'];
const PREFIXED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;
const KNOWN_VARIABLES_TEXT = '{{workflow.name}}, {{workflow.namespace}}, {{workflow.uid}}, {{workflow.creationTimestamp}}, '
  + '{{workflow.creationTimestamp.<Y|y|m|d|H|I|M|S|L|p|B|b|A|a|Z|z|s|RFC3339>}}, {{workflow.mainEntrypoint}}, {{workflow.serviceAccountName}}, '
  + '{{pod.name}}, {{workflow.labels.<key>}}, {{workflow.annotations.<key>}} and {{workflow.parameters.<name>}}';

/**
 * Checks a key, blob name or path pattern: every `{{...}}` must be a variable Argo resolves when it
 * stores an artifact, and braces must be balanced.
 */
export function validateKeyFormat(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(option, value, 'it must be a non-empty string', `omit it for Argo's default "{{workflow.name}}/{{pod.name}}", or give a pattern like "{{workflow.name}}/{{pod.name}}"`);
  }
  let rest = value;
  for (;;) {
    const open = rest.indexOf('{{');
    const close = rest.indexOf('}}');
    const before = open < 0 ? rest : rest.slice(0, open);
    if (open < 0 && close < 0 && !/[{}]/.test(rest)) break;
    if (open < 0 || /[{}]/.test(before) || close < open) {
      throw invalid(option, value, 'its braces are unbalanced: every variable is written "{{name}}", with no other "{" or "}"',
        'write each variable as {{name}}, e.g. "{{workflow.name}}/{{pod.name}}"');
    }
    const end = rest.indexOf('}}', open + 2);
    const inner = rest.slice(open + 2, end);
    if (end < 0 || /[{}]/.test(inner)) {
      throw invalid(option, value, 'its braces are unbalanced: every variable is written "{{name}}", with no other "{" or "}"',
        'write each variable as {{name}}, e.g. "{{workflow.name}}/{{pod.name}}"');
    }
    const tag = inner.trim();
    const prefix = KEY_FORMAT_PREFIXES.find((p) => tag.startsWith(p));
    const known = KEY_FORMAT_VARIABLES.includes(tag) || (prefix !== undefined && PREFIXED_NAME.test(tag.slice(prefix.length)));
    if (!known) {
      const near = prefix === undefined ? closest(tag, KEY_FORMAT_VARIABLES) : undefined;
      throw invalid(option, value, `"{{${inner}}}" is not a variable Argo resolves in an artifact key; the known ones are ${KNOWN_VARIABLES_TEXT}`,
        prefix !== undefined ? `write a label, annotation or parameter name after "${prefix}", e.g. {{${prefix}app}}`
          : near ? `use {{${near}}}` : 'use one of the known variables');
    }
    rest = rest.slice(end + 2);
  }
  return value;
}

/** `host[:port]` without scheme or path; returns the offending part for the fix when a scheme is given. */
export function checkHostPort(option: string, value: unknown, what: string, example: string): string {
  if (typeof value !== 'string') throw invalid(option, value, `it must be ${what}`, `give a value like ${JSON.stringify(example)}`);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(value);
  if (scheme) {
    const hostPort = scheme[2] || example;
    const s = scheme[1].toLowerCase();
    throw invalid(option, value, `it must be ${what}, without a scheme`,
      s === 'http' ? `set it to ${JSON.stringify(hostPort)} and set insecure: true for plain HTTP`
        : s === 'https' ? `set it to ${JSON.stringify(hostPort)} (HTTPS is the default)`
          : `set it to ${JSON.stringify(hostPort)}`);
  }
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^:/\s]+)(?::(\d{1,5}))?$/.exec(value);
  const host = m?.[1] ?? '';
  const port = m?.[2] !== undefined ? Number(m[2]) : undefined;
  if (!m || !(host.startsWith('[') || HOST.test(host)) || (port !== undefined && (port < 1 || port > 65535))) {
    const hint = value.replace(/[/?#].*$/, '');
    throw invalid(option, value, `it must be ${what}, without a scheme or path`,
      `give a value like ${JSON.stringify(hint && hint !== value && /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(hint) ? hint : example)}`);
  }
  return value;
}

/**
 * An absolute URL of the given schemes with a host, no credentials, query or fragment.
 * @internal Its `URL` return type would make the declarations need Node's or the DOM's types.
 */
export function checkUrl(option: string, value: unknown, schemes: readonly string[], what: string, example: string, allowPath: boolean): URL {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || !url.hostname) {
    const fix = typeof value === 'string' && /^[A-Za-z0-9.-]+(:\d+)?(\/.*)?$/.test(value) ? `use ${JSON.stringify(`${schemes[0]}://${value}`)}` : `give a URL like ${JSON.stringify(example)}`;
    throw invalid(option, value, `it must be ${what}`, fix);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!schemes.includes(scheme)) {
    throw invalid(option, value, `it must be ${what}`, `use ${JSON.stringify(`${schemes[0]}://${(value as string).replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')}`)}`);
  }
  if (url.username || url.password) {
    throw invalid(option, value, 'it must not carry credentials', 'remove the user and password from the URL and use the secret options');
  }
  if (url.search || url.hash || (value as string).includes('?')) {
    throw invalid(option, value, 'it must not carry a query string or fragment (never put a SAS token or other credential in a URL)', `use ${JSON.stringify(`${url.protocol}//${url.host}${allowPath ? url.pathname : ''}`)}`);
  }
  if (!allowPath && url.pathname !== '/' && url.pathname !== '') {
    throw invalid(option, value, `it must be ${what}, without a path`, `use ${JSON.stringify(`${url.protocol}//${url.host}`)}`);
  }
  return url;
}
