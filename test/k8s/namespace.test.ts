import { Testing } from 'cdk8s';
import { PodSecurityLevel } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { Namespace } from '../../src/k8s/namespace';
import { find, K8sObject, ofKind, stdLabels, synthObjects } from '../util';

const psa = (name: string, level: string) => ({
  ...stdLabels('namespaces'),
  'kubernetes.io/metadata.name': name,
  'pod-security.kubernetes.io/enforce': level,
  'pod-security.kubernetes.io/enforce-version': 'latest',
  'pod-security.kubernetes.io/audit': level,
  'pod-security.kubernetes.io/warn': level,
});

test('the install namespace is created by default, labelled Pod Security restricted, with no namespace field', () => {
  const objs = synthObjects();
  expect(ofKind(objs, 'Namespace')).toHaveLength(1);
  expect(find(objs, 'Namespace', 'argo')).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argo', annotations: { 'argocd.argoproj.io/sync-wave': '-20' }, labels: psa('argo', 'restricted') } });
  expect(find(objs, 'Namespace', 'argo').metadata).not.toHaveProperty('namespace');
});

test('a custom install namespace is the one created', () => {
  const objs = synthObjects({ namespace: 'ops' });
  expect(ofKind(objs, 'Namespace')).toEqual([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ops', annotations: { 'argocd.argoproj.io/sync-wave': '-20' }, labels: psa('ops', 'restricted') } }]);
});

test('createNamespace: false creates no Namespace', () => {
  expect(ofKind(synthObjects({ createNamespace: false }), 'Namespace')).toEqual([]);
});

test.each([
  [undefined, 'restricted'],
  [PodSecurityLevel.RESTRICTED, 'restricted'],
  [PodSecurityLevel.BASELINE, 'baseline'],
  [PodSecurityLevel.PRIVILEGED, 'privileged'],
])('the Namespace construct with podSecurity %s labels enforce, audit and warn %s', (level, expected) => {
  const chart = Testing.chart();
  new Namespace(chart, 'ns', { ctx: resolveArgoWorkflows(), name: 'team-x', podSecurity: level });
  expect(Testing.synth(chart) as K8sObject[]).toEqual([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-x', annotations: { 'argocd.argoproj.io/sync-wave': '-20' }, labels: psa('team-x', expected) } }]);
});

test('user labels reach the Namespace, and cannot override the Pod Security labels', () => {
  const ns = find(synthObjects({ labels: { team: 'data', 'pod-security.kubernetes.io/enforce': 'privileged' } }), 'Namespace', 'argo');
  expect(ns.metadata.labels).toEqual({ team: 'data', ...psa('argo', 'restricted') });
});
