/**
 * `pulumiCredentials` under mocks: a Secret from secret outputs, `Credentials.existing()` for the
 * props (no credentials Job), and nothing secret in the rendered objects.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { CredentialsKind, ValidationError } from '../../src';
import { ArgoWorkflowsRelease, pulumiCredentials, toObjects } from '../../src/pulumi';
import { installMocks, isWireSecret, ofType, promiseOf, registered, reset } from './_mocks';

const PASSWORD = 'not-a-real-password-0123456789ab';
let provider: k8s.Provider;

beforeAll(async () => {
  await installMocks();
  provider = new k8s.Provider('cluster', { kubeconfig: 'kubeconfig' });
  await promiseOf(provider.urn);
});
beforeEach(reset);

test('a Secret from secret outputs, with the explicit provider and parent, and Credentials.existing() for the props', async () => {
  const password = new random.RandomPassword('db', { length: 32, special: false });
  const parent = new pulumi.ComponentResource('test:index:Parent', 'parent');
  const db = pulumiCredentials('db', { namespace: 'argo', secretName: 'argo-postgres-config', keys: { username: 'argo', password: password.result }, provider }, { parent });
  await promiseOf(db.secret.urn);
  const [secret] = ofType('kubernetes:core/v1:Secret');
  expect(secret.parent).toBe(await promiseOf(parent.urn));
  expect(secret.provider).toBe(`${await promiseOf(provider.urn)}::${await promiseOf(provider.id)}`);
  expect(secret.inputs.metadata).toEqual({ namespace: 'argo', name: 'argo-postgres-config', labels: { 'app.kubernetes.io/part-of': 'argo-workflows' } });
  expect(secret.inputs.type).toBe('Opaque');
  const stringData = secret.inputs.stringData;
  expect(isWireSecret(stringData) || (isWireSecret(stringData.username) && isWireSecret(stringData.password))).toBe(true);
  expect(await pulumi.isSecret(db.secret.stringData)).toBe(true);
  expect(db.credentials.kind).toBe(CredentialsKind.EXISTING);
});

test('with those credentials the release runs no credentials Job and renders no value', async () => {
  const password = pulumi.secret(PASSWORD);
  const db = pulumiCredentials('db', { namespace: 'argo', secretName: 'argo-postgres-config', keys: { username: 'argo', password }, provider });
  const props = { persistence: { postgres: { inCluster: {}, credentials: db.credentials } } };
  const release = new ArgoWorkflowsRelease('argo', { provider, props });
  await promiseOf(release.group.urn);
  const objs: { kind: string; metadata: { name: string } }[] = ofType('kubernetes:yaml/v2:ConfigGroup')[0].inputs.objs;
  expect(objs).toEqual(toObjects(props));
  expect(objs.filter((o) => o.kind === 'Job').map((o) => o.metadata.name)).toEqual(['argo-crd-installer-v4-1-2']);
  expect(objs.filter((o) => o.kind === 'Secret')).toEqual([]);
  expect(JSON.stringify(objs)).not.toContain(PASSWORD);
  expect(JSON.stringify(ofType('kubernetes:yaml/v2:ConfigGroup')[0].inputs)).not.toContain(PASSWORD);
});

describe('bad arguments throw the project\'s ValidationError before the Secret is registered', () => {
  test.each([
    ['a literal password', { namespace: 'argo', secretName: 's', keys: { username: 'argo', password: 'hunter2' } },
      'pulumiCredentials.keys["password"] "<redacted>" is invalid: this key\'s name says it holds a credential, so its value must come from Pulumi (a secret output), not a literal written in the program. '
      + 'Fix: generate it, e.g. new random.RandomPassword("db", { length: 32, special: false }).result, or read it with config.requireSecret(...)'],
    ['no keys', { namespace: 'argo', secretName: 's', keys: {} },
      'pulumiCredentials.keys {} is invalid: a Secret needs at least one key. Fix: give every key the consumer reads, e.g. { username: "argo", password: password.result }'],
    ['a bad key', { namespace: 'argo', secretName: 's', keys: { 'a b': pulumi.secret('x') } }, /^pulumiCredentials\.keys key "a b" is invalid: a Secret key is 1-253 characters/],
    ['a value that is no string', { namespace: 'argo', secretName: 's', keys: { username: 3 } }, /^pulumiCredentials\.keys\["username"\] "<redacted>" is invalid: a value is a string or a Pulumi output of one/],
    ['a bad namespace', { namespace: 'Argo', secretName: 's', keys: { username: 'a' } }, /^pulumiCredentials\.namespace "Argo" is invalid: it must be an RFC 1123 label/],
    ['a bad Secret name', { namespace: 'argo', secretName: 'S_1', keys: { username: 'a' } }, /^pulumiCredentials\.secretName "S_1" is invalid: it must be an RFC 1123 subdomain/],
    ['an unknown argument', { namespace: 'argo', secretName: 's', keys: { username: 'a' }, key: {} }, /^pulumiCredentials\.key is not an option/],
  ])('%s', (_what, args, message) => {
    let error: unknown;
    try {
      pulumiCredentials('db', args as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
    expect(registered).toEqual([]);
  });
});
