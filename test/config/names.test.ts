import { suggestLabel, validateAnnotations, validateDnsLabel, validateDnsSubdomain, validateLabels } from '../../src/config/names';
import { bad, expectInvalid } from './_helpers';

const LABEL_RULE = 'it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit';
const SUBDOMAIN_RULE = 'it must be an RFC 1123 subdomain: at most 253 characters of lower-case letters, digits, "-" and ".", starting and ending with a letter or digit';
const LABEL_KEY_RULE = 'a label key is an optional DNS subdomain prefix and "/", then a name of 1-63 characters of letters, digits, "-", "_" and "."';
const ANNOTATION_KEY_RULE = 'an annotation key is an optional DNS subdomain prefix and "/", then a name of 1-63 characters of letters, digits, "-", "_" and "."';
const LABEL_VALUE_RULE = 'a label value is empty or 1-63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';

describe('validateDnsLabel', () => {
  it.each(['argo', 'a', '0', 'team-a1', '9lives', 'a'.repeat(63)])('accepts %j and returns it', (name) => {
    expect(validateDnsLabel('namespace', name)).toBe(name);
  });

  it('rejects upper-case letters', () => {
    expectInvalid(() => validateDnsLabel('namespace', 'Argo'), `namespace "Argo" is invalid: ${LABEL_RULE}. Fix: use a name like "argo"`);
  });

  it('rejects 64 characters and suggests the first 63', () => {
    const long = 'a'.repeat(64);
    expectInvalid(() => validateDnsLabel('namespace', long), `namespace "${long}" is invalid: ${LABEL_RULE}. Fix: use a name like "${'a'.repeat(63)}"`);
  });

  it('rejects an underscore', () => {
    expectInvalid(() => validateDnsLabel('namespace', 'my_ns'), `namespace "my_ns" is invalid: ${LABEL_RULE}. Fix: use a name like "my-ns"`);
  });

  it('rejects a dot (a label is not a subdomain)', () => {
    expectInvalid(() => validateDnsLabel('managedNamespace', 'team.a'), `managedNamespace "team.a" is invalid: ${LABEL_RULE}. Fix: use a name like "team-a"`);
  });

  it('rejects a leading or trailing "-"', () => {
    expectInvalid(() => validateDnsLabel('namespace', '-argo'), `namespace "-argo" is invalid: ${LABEL_RULE}. Fix: use a name like "argo"`);
    expectInvalid(() => validateDnsLabel('namespace', 'argo-'), `namespace "argo-" is invalid: ${LABEL_RULE}. Fix: use a name like "argo"`);
  });

  it('rejects the empty string', () => {
    expectInvalid(() => validateDnsLabel('namespace', ''), `namespace "" is invalid: ${LABEL_RULE}. Fix: use a name like "argo"`);
  });

  it('rejects non-strings, showing them as JSON', () => {
    expectInvalid(() => validateDnsLabel('namespace', 42), `namespace 42 is invalid: ${LABEL_RULE}. Fix: use a name like "42"`);
    expectInvalid(() => validateDnsLabel('workflowNamespaces[0].name', undefined), `workflowNamespaces[0].name undefined is invalid: ${LABEL_RULE}. Fix: use a name like "argo"`);
  });
});

describe('validateDnsSubdomain', () => {
  it.each(['argo-tls', 'my.secret-1', 'a', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`])('accepts %j', (name) => {
    expect(validateDnsSubdomain('server.tlsCertificateSecretName', name)).toBe(name);
  });

  it('rejects upper case', () => {
    expectInvalid(() => validateDnsSubdomain('server.tlsCertificateSecretName', 'My.Secret'),
      `server.tlsCertificateSecretName "My.Secret" is invalid: ${SUBDOMAIN_RULE}. Fix: use a name like "my-secret"`);
  });

  it('rejects more than 253 characters', () => {
    const long = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`;
    expect(long).toHaveLength(254);
    expectInvalid(() => validateDnsSubdomain('x', long), `x "${long}" is invalid: ${SUBDOMAIN_RULE}. Fix: use a name like "${'a'.repeat(63)}"`);
  });

  it('rejects empty labels and underscores', () => {
    expectInvalid(() => validateDnsSubdomain('x', 'a..b'), `x "a..b" is invalid: ${SUBDOMAIN_RULE}. Fix: use a name like "a-b"`);
    expectInvalid(() => validateDnsSubdomain('x', '.a'), `x ".a" is invalid: ${SUBDOMAIN_RULE}. Fix: use a name like "a"`);
    expectInvalid(() => validateDnsSubdomain('x', 'argo_workflow'), `x "argo_workflow" is invalid: ${SUBDOMAIN_RULE}. Fix: use a name like "argo-workflow"`);
  });
});

describe('suggestLabel', () => {
  it.each([
    ['My_NS', 'my-ns'],
    ['--x--', 'x'],
    ['Team A / Prod', 'team-a-prod'],
    ['', 'argo'],
    ['___', 'argo'],
    [undefined, 'argo'],
    [null, 'argo'],
    [`${'a'.repeat(62)}-b`, 'a'.repeat(62)],
  ])('%j -> %j', (input, expected) => {
    expect(suggestLabel(input)).toBe(expected);
  });

  it('always returns a valid label', () => {
    for (const v of ['My_NS', 'ÄÖÜ', 'x'.repeat(100), '-.-']) expect(() => validateDnsLabel('n', suggestLabel(v))).not.toThrow();
  });
});

describe('validateLabels', () => {
  it('accepts prefixed keys, empty values and the allowed characters', () => {
    expect(() => validateLabels('labels', {
      'app.kubernetes.io/name': 'argo-workflows',
      team: '',
      'a_b.c-D': 'A.b-c_1',
      [`example.com/${'k'.repeat(63)}`]: 'v'.repeat(63),
    })).not.toThrow();
    expect(() => validateLabels('labels', undefined)).not.toThrow();
  });

  it('rejects a key starting with "-"', () => {
    // Note: "a label key" is the current wording (grammar bug reported; should be "a label key").
    expectInvalid(() => validateLabels('labels', { '-bad': 'x' }), `labels key "-bad" is invalid: ${LABEL_KEY_RULE}. Fix: rename it, e.g. "bad"`);
  });

  it('rejects an upper-case prefix', () => {
    expectInvalid(() => validateLabels('labels', { 'Example.com/team': 'x' }), `labels key "Example.com/team" is invalid: ${LABEL_KEY_RULE}. Fix: rename it, e.g. "example.com/team"`);
  });

  it('rejects an empty name after the prefix, and a name over 63 characters', () => {
    expectInvalid(() => validateLabels('labels', { 'example.com/': 'x' }), `labels key "example.com/" is invalid: ${LABEL_KEY_RULE}. Fix: rename it, e.g. "example.com/app"`);
    const key = 'k'.repeat(64);
    expectInvalid(() => validateLabels('labels', { [key]: 'x' }), `labels key "${key}" is invalid: ${LABEL_KEY_RULE}. Fix: rename it, e.g. "${'k'.repeat(63)}"`);
  });

  it.each([
    ['-bad', 'bad'], ['Example.com/team', 'example.com/team'], ['example.com/', 'example.com/app'], ['node pool', 'node-pool'],
    ['-Ex_ample..com-/__a b__', 'ex-ample.com/a-b'], ['/', 'app'], ['a'.repeat(64), 'a'.repeat(63)],
  ])('suggests for %j the valid key %j', (key, suggested) => {
    expectInvalid(() => validateLabels('labels', { [key]: 'x' }), `labels key ${JSON.stringify(key)} is invalid: ${LABEL_KEY_RULE}. Fix: rename it, e.g. ${JSON.stringify(suggested)}`);
    expect(() => validateLabels('labels', { [suggested]: 'x' })).not.toThrow();
  });

  it('rejects a value with a space', () => {
    expectInvalid(() => validateLabels('labels', { team: 'data science' }),
      `labels["team"] "data science" is invalid: ${LABEL_VALUE_RULE}. Fix: shorten or clean the value, or use an annotation instead`);
  });

  it('rejects a value over 63 characters', () => {
    const v = 'v'.repeat(64);
    expectInvalid(() => validateLabels('labels', { team: v }), `labels["team"] "${v}" is invalid: ${LABEL_VALUE_RULE}. Fix: shorten or clean the value, or use an annotation instead`);
  });

  it('rejects a value ending with "-" and a non-string value', () => {
    expectInvalid(() => validateLabels('labels', { team: 'data-' }), `labels["team"] "data-" is invalid: ${LABEL_VALUE_RULE}. Fix: shorten or clean the value, or use an annotation instead`);
    expectInvalid(() => validateLabels('labels', bad({ replicas: 3 })), `labels["replicas"] 3 is invalid: ${LABEL_VALUE_RULE}. Fix: shorten or clean the value, or use an annotation instead`);
  });
});

describe('validateAnnotations', () => {
  it('accepts free-text values', () => {
    expect(() => validateAnnotations('sa', {
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/argo workflows',
      'iam.gke.io/gcp-service-account': '',
    })).not.toThrow();
    expect(() => validateAnnotations('sa', undefined)).not.toThrow();
  });

  it('rejects a key with a space', () => {
    expectInvalid(() => validateAnnotations('workflowNamespaces[0].serviceAccountAnnotations', { 'bad key': 'x' }),
      `workflowNamespaces[0].serviceAccountAnnotations key "bad key" is invalid: ${ANNOTATION_KEY_RULE}. Fix: rename it, e.g. "bad-key"`);
  });

  it('rejects a non-string value', () => {
    expectInvalid(() => validateAnnotations('sa', bad({ 'example.com/n': 1 })), 'sa["example.com/n"] 1 is invalid: an annotation value must be a string. Fix: quote the value');
  });
});
