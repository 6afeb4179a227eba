/**
 * The table of options that take a class cannot drift from the option types: it lists exactly the
 * class-typed options of the options surface (derived from `ArgoWorkflowsProps` by the fuzz), and
 * each class's forms are exactly its public factories. Plus property tests of the conversion.
 */
import fc from 'fast-check';
import { filePaths, optionsFromData, pathSteps, VARIANT_OPTIONS, VARIANTS } from '../../src/config/file';
import { ArtifactRepository, Credentials, Exposure, IngressController, IngressTls, ServerTls, Sso, WorkloadIdentity } from '../../src';
import { optionsSurface, surfacePaths } from '../fuzz/surface';

const CLASSES: Record<keyof typeof VARIANTS, object> = { ArtifactRepository, Credentials, Exposure, IngressController, IngressTls, ServerTls, Sso, WorkloadIdentity };
/**
 * Static methods that are not factories: type guards, and the input-only artifact locations that
 * always throw. `azureDeferred` is a code-only form: its client id comes from a patch the Pulumi
 * bridge applies after deploy, which an options file has no way to give.
 */
const NOT_FACTORIES = ['isArtifactRepository', 'isWorkloadIdentity', 'http', 'git', 'raw', 'azureDeferred'];

test('VARIANT_OPTIONS lists every option that takes a class, with its class', () => {
  const fromTypes = Object.fromEntries(surfacePaths(optionsSurface())
    .filter((e) => e.kind.kind === 'instance')
    .map((e) => [e.path, e.kind.kind === 'instance' ? e.kind.className : '']));
  expect(fromTypes).toEqual({ ...VARIANT_OPTIONS });
});

test.each(Object.keys(CLASSES))('the forms of %s are its factories', (name) => {
  const cls = CLASSES[name as keyof typeof VARIANTS] as unknown as Record<string, unknown>;
  const factories = Object.getOwnPropertyNames(cls)
    .filter((k) => typeof cls[k] === 'function' && !['length', 'name', 'prototype', 'make'].includes(k) && !NOT_FACTORIES.includes(k));
  expect(Object.keys(VARIANTS[name as keyof typeof VARIANTS]).sort()).toEqual(factories.sort());
});

test('pathSteps splits lists and maps', () => {
  expect(pathSteps('artifactRepositories.repositories{}')).toEqual(['artifactRepositories', 'repositories', '{}']);
  expect(pathSteps('workflowNamespaces[].workloadIdentity')).toEqual(['workflowNamespaces', '[]', 'workloadIdentity']);
});

test('every form converts to what its factory makes', () => {
  expect(optionsFromData({
    server: { tls: { fromSecret: 'argo-server-tls' }, exposure: { ingress: { controller: 'traefikV1', hosts: ['a.example.com'], tls: { secret: 'web' } } } },
    workflowNamespaces: [{ name: 'a', workloadIdentity: { awsPodIdentity: {} } }],
    minio: { credentials: { generated: { length: 40 } } },
  })).toEqual({
    server: { tls: ServerTls.fromSecret('argo-server-tls'), exposure: Exposure.ingress({ controller: IngressController.traefikV1(), hosts: ['a.example.com'], tls: IngressTls.secret('web') }) },
    workflowNamespaces: [{ name: 'a', workloadIdentity: WorkloadIdentity.awsPodIdentity() }],
    minio: { credentials: Credentials.generated({ length: 40 }) },
  });
});

test('filePaths puts the form between the option and the options of its factory', () => {
  const converted = [{ path: 'server.exposure', form: 'ingress', takes: 'object' as const }, { path: 'server.exposure.ingress.tls', form: 'certManager', takes: 'object' as const }];
  expect(filePaths('server.exposure.tls.issuer "x" is invalid. Fix: set server.exposure.hosts', converted))
    .toBe('server.exposure.ingress.tls.certManager.issuer "x" is invalid. Fix: set server.exposure.ingress.hosts');
  expect(filePaths('server.exposure.ingress.hosts is missing', converted)).toBe('server.exposure.ingress.hosts is missing');
  expect(filePaths('server.exposures is not an option', converted)).toBe('server.exposures is not an option');
});

test('data without forms passes unchanged (property)', () => {
  const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean());
  const data = fc.dictionary(fc.constantFrom('namespace', 'labels', 'controller', 'crds', 'jobs', 'version'), fc.oneof(leaf, fc.dictionary(fc.string(), leaf)));
  fc.assert(fc.property(data, (d) => {
    expect(optionsFromData(d)).toEqual(d);
  }));
});
