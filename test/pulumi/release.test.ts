/**
 * The bridge under `pulumi.runtime.setMocks`: the group's `objs` are `toObjects(props)` exactly,
 * children carry the component as parent and the explicit provider, late values are patches that
 * depend on the group, and invalid input registers nothing.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { CrdMode, Credentials, ValidationError, WorkloadIdentity } from '../../src';
import type { ArgoWorkflowsProps } from '../../src';
import { ARGO_WORKFLOWS_TYPE, ArgoWorkflowsRelease, toObjects } from '../../src/pulumi';
import { installMocks, isWireSecret, ofType, promiseOf, registered, reset } from './_mocks';

const GROUP = 'kubernetes:yaml/v2:ConfigGroup';
const PATCH = 'kubernetes:core/v1:ServiceAccountPatch';
const PROPS: ArgoWorkflowsProps = {
  namespace: 'argo',
  workflowNamespaces: [{ name: 'argo' }, { name: 'team-a' }],
  persistence: { postgres: { inCluster: {}, credentials: Credentials.existing() } },
};

let provider: k8s.Provider;
let providerRef: string;

beforeAll(async () => {
  await installMocks();
  provider = new k8s.Provider('cluster', { kubeconfig: 'kubeconfig' });
  providerRef = `${await promiseOf(provider.urn)}::${await promiseOf(provider.id)}`;
});
beforeEach(reset);

/** A release whose registrations have all happened (the group's and every patch's URN known). */
async function deployed(name: string, args: Omit<ConstructorParameters<typeof ArgoWorkflowsRelease>[1], 'provider'>): Promise<ArgoWorkflowsRelease> {
  const release = new ArgoWorkflowsRelease(name, { provider, ...args });
  await promiseOf(release.group.urn);
  await Promise.all(release.patches.map((p) => promiseOf(p.urn)));
  return release;
}

describe('ArgoWorkflowsRelease', () => {
  test('hands the group exactly the objects toObjects(props) renders', async () => {
    const release = await deployed('argo', { props: PROPS });
    const [group] = ofType(GROUP);
    expect(group.inputs.objs).toEqual(toObjects(PROPS));
    expect(group.inputs.skipAwait).toBe(false);
    expect(release.objects).toEqual(toObjects(PROPS));
    expect(registered.map((r) => [r.type, r.name])).toEqual([[ARGO_WORKFLOWS_TYPE, 'argo'], [GROUP, 'argo']]);
  });

  test('registers the component with its type token, the group as its child with the explicit provider', async () => {
    const release = await deployed('argo', { props: PROPS });
    const urn = await promiseOf(release.urn);
    expect(urn).toBe(`urn:pulumi:stack::project::${ARGO_WORKFLOWS_TYPE}::argo`);
    const [group] = ofType(GROUP);
    expect(group.parent).toBe(urn);
    expect(group.provider).toBe(providerRef);
    expect(await promiseOf(release.group.urn)).toBe(`urn:pulumi:stack::project::${ARGO_WORKFLOWS_TYPE}$${GROUP}::argo`);
  });

  test('applies late values as server-side-apply ServiceAccount patches that depend on the group', async () => {
    const clientId = pulumi.secret('00000000-0000-0000-0000-000000000001');
    const release = await deployed('argo', {
      props: PROPS,
      serviceAccountPatches: [{ namespace: 'team-a', name: 'argo-workflow', annotations: { 'azure.workload.identity/client-id': clientId } }],
    });
    const [patch] = ofType(PATCH);
    expect(patch.name).toBe('argo-team-a-argo-workflow');
    expect(patch.parent).toBe(await promiseOf(release.urn));
    expect(patch.provider).toBe(providerRef);
    expect(patch.dependencies).toEqual([await promiseOf(release.group.urn)]);
    expect(patch.inputs.metadata).toEqual({ namespace: 'team-a', name: 'argo-workflow', annotations: expect.any(Object) });
    const annotations = patch.inputs.metadata.annotations;
    expect(isWireSecret(annotations) || isWireSecret(annotations['azure.workload.identity/client-id'])).toBe(true);
    expect(JSON.stringify(release.objects)).not.toContain('00000000-0000-0000-0000-000000000001');
  });

  test.each([
    [CrdMode.INSTALLER, 1, 0],
    [CrdMode.MINIMAL, 0, 8],
    [CrdMode.NONE, 0, 0],
  ])('one owner for the CRDs (%s): %i installer Job(s), %i CRD(s), and no CRD outside the group', async (crds, jobs, definitions) => {
    await deployed('argo', { props: { ...PROPS, crds } });
    const objs: { kind: string; metadata: { name: string } }[] = ofType(GROUP)[0].inputs.objs;
    expect(objs.filter((o) => o.kind === 'Job' && o.metadata.name.startsWith('argo-crd-installer-'))).toHaveLength(jobs);
    expect(objs.filter((o) => o.kind === 'CustomResourceDefinition')).toHaveLength(definitions);
    expect(ofType(GROUP)).toHaveLength(1);
    expect(registered.filter((r) => r.type.includes('CustomResourceDefinition'))).toEqual([]);
  });
});

describe('invalid input throws the project\'s ValidationError before any resource is registered', () => {
  const attempt = (args: unknown): unknown => {
    try {
      new ArgoWorkflowsRelease('bad', args as ConstructorParameters<typeof ArgoWorkflowsRelease>[1], {});
    } catch (e) {
      return e;
    }
    throw new Error('no error');
  };

  test.each([
    ['invalid props', { props: { namespace: 'Argo' } },
      'namespace "Argo" is invalid: it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit. Fix: use a name like "argo"'],
    ['no props', {}, 'props undefined is invalid: it must be an object. Fix: pass the ArgoWorkflowsProps of the install ({} for every default)'],
    ['an unknown argument', { props: {}, serviceAccountPatch: [] }, /^serviceAccountPatch is not an option.*serviceAccountPatches/],
    ['a provider that is not a Kubernetes provider', { props: {}, provider: {} }, /^provider \{\} is invalid: it must be a Kubernetes provider/],
    ['a patch of a ServiceAccount the release does not render',
      { props: {}, serviceAccountPatches: [{ namespace: 'argo', name: 'nobody', annotations: { a: 'b' } }] },
      /^serviceAccountPatches\[0\] "argo\/nobody" is invalid: the release renders no ServiceAccount argo\/nobody \(it renders argo\/argo-crd-installer, .*\)\. Fix: patch one of those ServiceAccounts$/],
    ['a patch of an annotation the release already sets',
      { props: { workflowNamespaces: [{ name: 'argo', workloadIdentity: WorkloadIdentity.awsIrsa('arn:aws:iam::111122223333:role/argo') }] },
        serviceAccountPatches: [{ namespace: 'argo', name: 'argo-workflow', annotations: { 'eks.amazonaws.com/role-arn': pulumi.output('x') } }] },
      'serviceAccountPatches[0].annotations sets "eks.amazonaws.com/role-arn", which the release already sets on ServiceAccount argo/argo-workflow: two owners of one field conflict under server-side apply. Fix: remove "eks.amazonaws.com/role-arn" from the patch, or leave it out of the options that render it'],
    ['a patch without annotations', { props: {}, serviceAccountPatches: [{ namespace: 'argo', name: 'argo-server', annotations: {} }] },
      /^serviceAccountPatches\[0\]\.annotations \{\} is invalid: a patch adds at least one annotation/],
    ['annotations that are one output (their keys unknown)', { props: {}, serviceAccountPatches: [{ namespace: 'argo', name: 'argo-server', annotations: pulumi.output({ a: 'b' }) }] },
      /^serviceAccountPatches\[0\]\.annotations .* is invalid: it must be an object whose keys are known before deploy \(values may be outputs\), not an output\. Fix: pass an object/],
    ['a bad annotation key', { props: {}, serviceAccountPatches: [{ namespace: 'argo', name: 'argo-server', annotations: { 'bad key!': pulumi.output('x') } }] },
      'serviceAccountPatches[0].annotations key "bad key!" is invalid: an annotation key is an optional DNS subdomain prefix and "/", then a name of 1-63 characters of letters, digits, "-", "_" and ".". Fix: rename it, e.g. "bad-key"'],
    ['the same ServiceAccount patched twice', { props: {}, serviceAccountPatches: [
      { namespace: 'argo', name: 'argo-server', annotations: { a: 'b' } }, { namespace: 'argo', name: 'argo-server', annotations: { c: 'd' } }] },
    /^serviceAccountPatches\[1\] patches ServiceAccount argo\/argo-server a second time/],
  ])('%s', (_what, args, message) => {
    const error = attempt(args);
    expect(error).toBeInstanceOf(ValidationError);
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
    expect(registered).toEqual([]);
  });
});
