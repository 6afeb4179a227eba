import { hintText, invalid } from './errors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Checks an RFC 1123 label (namespaces, Service names): at most 63 chars of a-z, 0-9 and "-". */
export function validateDnsLabel(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 63 || !DNS1123_LABEL.test(value)) {
    throw invalid(option, value,
      'it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit',
      `use a name like ${JSON.stringify(suggestLabel(value))}`);
  }
  return value;
}

/** Checks an RFC 1123 subdomain (most object names): at most 253 chars, dot-separated labels. */
export function validateDnsSubdomain(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
    throw invalid(option, value,
      'it must be an RFC 1123 subdomain: at most 253 characters of lower-case letters, digits, "-" and ".", starting and ending with a letter or digit',
      `use a name like ${JSON.stringify(suggestLabel(value))}`);
  }
  return value;
}

/** A best-effort valid label close to the given value, for "Fix:" hints. */
export function suggestLabel(value: unknown): string {
  const s = hintText(value).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return s || 'argo';
}

const LABEL_KEY_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Checks the keys of an annotation map (same key rules as labels; values are free text). */
export function validateAnnotations(option: string, annotations: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(annotations ?? {})) {
    checkKey(option, key, 'annotation');
    if (typeof value !== 'string') throw invalid(`${option}["${key}"]`, value, 'an annotation value must be a string', 'quote the value');
  }
}

function checkKey(option: string, key: string, what: string): void {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if ((prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) || name.length > 63 || !LABEL_KEY_NAME.test(name)) {
    throw invalid(`${option} key`, key, `${what === 'annotation' ? 'an' : 'a'} ${what} key is an optional DNS subdomain prefix and "/", then a name of 1-63 characters of letters, digits, "-", "_" and "."`,
      `rename it, e.g. ${JSON.stringify(suggestKey(key))}`);
  }
}

/** A valid label or annotation key close to `key` (prefix cleaned as a subdomain, name as a label name), for "Fix:" hints. */
function suggestKey(key: string): string {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash).toLowerCase().split('.')
    .map((part) => part.replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '')).filter((part) => part !== '').join('.').slice(0, 253).replace(/[^a-z0-9]+$/, '') : '';
  const name = (slash >= 0 ? key.slice(slash + 1) : key).replace(/[^-A-Za-z0-9_.]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 63).replace(/[^A-Za-z0-9]+$/, '');
  return `${prefix ? `${prefix}/` : ''}${name || 'app'}`;
}

/** Checks a label map: keys `[prefix/]name` and values of at most 63 characters. */
export function validateLabels(option: string, labels: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    checkKey(option, key, 'label');
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
      throw invalid(`${option}["${key}"]`, value, 'a label value is empty or 1-63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit', 'shorten or clean the value, or use an annotation instead');
    }
  }
}
