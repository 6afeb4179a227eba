/**
 * The bridge: the objects `toObjects(props)` renders, exactly as `dist/` gets them, deployed by
 * `@pulumi/kubernetes` as one `yaml.v2.ConfigGroup({ objs })`.
 *
 * - Validate first: the objects are rendered (every validation rule runs) in the constructor,
 *   before the component or any child is registered. Invalid props throw the project's
 *   `ValidationError` and nothing is created.
 * - Objects are prompt: they are plain data known at preview, never built inside `apply`, so
 *   `pulumi preview` lists every Kubernetes object, even on the first deploy.
 * - Late values (only those truly unknown before deploy, such as the Azure managed identity's
 *   client id) go on as server-side-apply `ServiceAccountPatch` resources that depend on the group.
 * - CRDs have one owner: the plan's `crds` mode. With `CrdMode.INSTALLER` (the default) the
 *   installer Job in the group applies the full CRDs; `MINIMAL` puts the eight CRDs in the group;
 *   `NONE` leaves them to you. The bridge never adds CRDs of its own.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Checker } from '../config/check';
import { invalid } from '../config/errors';
import type { ArgoWorkflowsProps } from '../config/options';
import { toObjects } from '../render/objects';
import { ServiceAccountPatchSpec, validatePatches } from './patches';

/** The type token of `ArgoWorkflowsRelease`; it is part of every child's URN. */
export const ARGO_WORKFLOWS_TYPE = 'argo-stack:kubernetes:ArgoWorkflows';

/** The arguments of `ArgoWorkflowsRelease`. */
export interface ArgoWorkflowsReleaseArgs {
  /** The options of the install: the same `ArgoWorkflowsProps` a cdk8s chart takes. */
  readonly props: ArgoWorkflowsProps;
  /**
   * The Kubernetes provider every child uses, passed explicitly to the group and to each patch.
   * @default - the provider the component's options give, else Pulumi's default Kubernetes provider
   */
  readonly provider?: k8s.Provider;
  /**
   * Annotations whose values are unknown before deploy, added to ServiceAccounts of the release by
   * server-side-apply patches once the group is deployed.
   * @default - no patch
   */
  readonly serviceAccountPatches?: ServiceAccountPatchSpec[];
  /**
   * Skip the await logic of the group's resources (Deployments are not waited for).
   * @default false
   */
  readonly skipAwait?: boolean;
}

const ARG_KEYS = ['props', 'provider', 'serviceAccountPatches', 'skipAwait'];

/** The checked arguments and the rendered objects, computed before anything is registered. */
function prepare(args: ArgoWorkflowsReleaseArgs): { objects: Record<string, unknown>[]; patches: ServiceAccountPatchSpec[] } {
  const c = new Checker('');
  const a = c.object(args, '{ props: { namespace: "argo" } }', 'pass { props, provider?, serviceAccountPatches?, skipAwait? }', 'the arguments of ArgoWorkflowsRelease must be an object');
  c.known(a, ARG_KEYS);
  c.bool('skipAwait', a.skipAwait);
  if (a.provider !== undefined && !k8s.Provider.isInstance(a.provider)) {
    throw invalid('provider', a.provider, 'it must be a Kubernetes provider (new k8s.Provider(...))', 'pass the @pulumi/kubernetes Provider of the cluster, or omit it');
  }
  c.child('props').object(a.props, '{ namespace: "argo" }', 'pass the ArgoWorkflowsProps of the install ({} for every default)');
  const objects = toObjects(a.props as ArgoWorkflowsProps);
  return { objects, patches: validatePatches(a.serviceAccountPatches, objects) };
}

/**
 * Argo Workflows on a cluster, deployed by Pulumi from the very objects `toObjects(props)` renders
 * (`pulumi preview` lists each of them). Type token `argo-stack:kubernetes:ArgoWorkflows`.
 */
export class ArgoWorkflowsRelease extends pulumi.ComponentResource {
  /** The rendered objects, in `dist/` order: the group's `objs`. Plain data, known at preview. */
  public readonly objects: readonly Record<string, unknown>[];
  /** The group that applies the objects. */
  public readonly group: k8s.yaml.v2.ConfigGroup;
  /** One server-side-apply patch per entry of `serviceAccountPatches`, in order. */
  public readonly patches: readonly k8s.core.v1.ServiceAccountPatch[];

  constructor(name: string, args: ArgoWorkflowsReleaseArgs, opts: pulumi.ComponentResourceOptions = {}) {
    // Every rule runs here, before the component (or any child) is registered.
    const { objects, patches } = prepare(args);
    super(ARGO_WORKFLOWS_TYPE, name, {}, opts);
    this.objects = objects;
    const provider = args.provider;
    this.group = new k8s.yaml.v2.ConfigGroup(name, { objs: objects, skipAwait: args.skipAwait ?? false }, {
      parent: this,
      ...(provider ? { provider } : {}),
    });
    this.patches = patches.map((p) => new k8s.core.v1.ServiceAccountPatch(`${name}-${p.namespace}-${p.name}`, {
      metadata: { namespace: p.namespace, name: p.name, annotations: p.annotations },
    }, { parent: this, dependsOn: [this.group], ...(provider ? { provider } : {}) }));
    this.registerOutputs({ objectCount: objects.length });
  }
}
