import { parse } from 'yaml';
import { checkManifests } from '../../src/policy';
import { containerOf, err, findingsAfter } from './fixtures';

describe('checkManifests: credentials', () => {
  test('a Secret with data', () => {
    expect(checkManifests([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'argo' }, data: { password: 'cGFzcw==' } }])).toEqual([
      err('credentials/secret-data', 'the Secret carries key "password" in plain manifests. Fix: create the Secret outside the manifests (or with an external secret store) and reference it by name', 'Secret/argo/db'),
    ]);
  });

  test('a Secret with stringData', () => {
    expect(checkManifests([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'argo' }, data: { a: 'eA==' }, stringData: { b: 'x' } }])).toEqual([
      err('credentials/secret-data', 'the Secret carries keys "a", "b" in plain manifests. Fix: create the Secret outside the manifests (or with an external secret store) and reference it by name', 'Secret/argo/db'),
    ]);
  });

  test('an empty Secret and a service-account-token Secret are fine', () => {
    expect(checkManifests([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'empty', namespace: 'argo' } },
      { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token', metadata: { name: 'sa.service-account-token', namespace: 'argo' }, data: { token: 'eA==' } },
    ])).toEqual([]);
  });

  test.each(['POSTGRES_PASSWORD', 'MINIO_SECRET_KEY', 'GITHUB_TOKEN', 'AWS_ACCESS_KEY_ID', 'SSH_PRIVATE_KEY', 'GOOGLE_APPLICATION_CREDENTIALS', 'db_password'])('env %s with a literal value', (name) => {
    expect(findingsAfter((d) => { containerOf(d).env = [{ name, value: 'hunter2' }]; })).toEqual([
      err('credentials/env-literal', `container "web" sets env ${name} to a literal value. Fix: read it from a Secret with valueFrom.secretKeyRef`),
    ]);
  });

  test('secret-looking env vars from a Secret, empty ones and harmless names are fine', () => {
    expect(findingsAfter((d) => {
      containerOf(d).env = [
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'API_TOKEN', value: '' },
        { name: 'LOG_LEVEL', value: 'info' },
      ];
    })).toEqual([]);
  });

  describe('a literal credential in a ConfigMap', () => {
    const cm = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'workflow-controller-configmap', namespace: 'argo' }, data });

    test('an env var with a secret-looking name and a literal value, in YAML', () => {
      expect(checkManifests([cm({ executor: 'env:\n- name: HTTP_PROXY\n  value: http://p\n- name: GITHUB_TOKEN\n  value: ghp\n' })], { parseYaml: parse })).toEqual([
        err('credentials/configmap-literal', 'data key "executor": env[1] sets "GITHUB_TOKEN" to a literal value, in plain text in a ConfigMap. Fix: keep the value in a Secret and reference it (valueFrom.secretKeyRef, or a *Secret field)', 'ConfigMap/argo/workflow-controller-configmap'),
      ]);
    });

    test('a string under a credential key, in JSON without a YAML parser', () => {
      expect(checkManifests([cm({ artifactRepository: JSON.stringify({ oss: { bucket: 'b', securityToken: 'sts' } }) })])).toEqual([
        err('credentials/configmap-literal', 'data key "artifactRepository": oss.securityToken is a literal credential, in plain text in a ConfigMap. Fix: keep the value in a Secret and reference it (valueFrom.secretKeyRef, or a *Secret field)', 'ConfigMap/argo/workflow-controller-configmap'),
      ]);
    });

    test('references and plain text are fine', () => {
      const other = (data: Record<string, string>) => ({ ...cm(data), metadata: { name: 'settings', namespace: 'argo' } });
      expect(checkManifests([cm({ executor: 'env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: db, key: password}\n' }), other({
        s3: 'accessKeySecret:\n  name: s3\n  key: accessKey\n', note: 'just text: password',
      })], { parseYaml: parse })).toEqual([]);
    });
  });
});
