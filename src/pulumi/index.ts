/**
 * `argo-stack/pulumi`: the bridge from the plan to `@pulumi/kubernetes`. Loads Pulumi; the main
 * entry point `argo-stack` does not, so a cdk8s-only install needs no Pulumi package.
 */
export { toObjects } from '../render/objects';
export { ValidationError } from '../config/errors';
export { ARGO_WORKFLOWS_TYPE, ArgoWorkflowsRelease } from './argo-workflows';
export type { ArgoWorkflowsReleaseArgs } from './argo-workflows';
export type { ServiceAccountPatchSpec } from './patches';
export { pulumiCredentials } from './credentials';
export type { PulumiCredentials, PulumiCredentialsArgs } from './credentials';
