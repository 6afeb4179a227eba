/**
 * The eight Argo Workflows CRDs (argoproj.io/v1alpha1) as data: names, scope, subresources and
 * printer columns exactly as upstream's manifests/base/crds, with minimal schemas.
 */
import type { ICustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';
import type { IIoK8sApiextensionsApiserverPkgApisApiextensionsV1JSONSchemaProps as JSONSchemaProps } from 'kubernetes-models/apiextensions.k8s.io/v1/JSONSchemaProps';

export interface CrdDefinition {
  readonly kind: string;
  readonly plural: string;
  readonly shortNames: string[];
  readonly scope: 'Namespaced' | 'Cluster';
  /** Top-level properties beyond apiVersion, kind and metadata; each kept open. */
  readonly fields: string[];
  readonly required: string[];
  readonly statusSubresource?: boolean;
  readonly printerColumns?: NonNullable<NonNullable<ICustomResourceDefinition['spec']>['versions'][number]['additionalPrinterColumns']>;
}

export const ARGO_GROUP = 'argoproj.io';
export const ARGO_CRD_VERSION = 'v1alpha1';

export const CRD_DEFINITIONS: readonly CrdDefinition[] = [
  { kind: 'ClusterWorkflowTemplate', plural: 'clusterworkflowtemplates', shortNames: ['clusterwftmpl', 'cwft'], scope: 'Cluster', fields: ['spec'], required: ['metadata', 'spec'] },
  { kind: 'CronWorkflow', plural: 'cronworkflows', shortNames: ['cwf', 'cronwf'], scope: 'Namespaced', fields: ['spec', 'status'], required: ['metadata', 'spec'] },
  { kind: 'WorkflowArtifactGCTask', plural: 'workflowartifactgctasks', shortNames: ['wfat'], scope: 'Namespaced', fields: ['spec', 'status'], required: ['metadata', 'spec'], statusSubresource: true },
  { kind: 'WorkflowEventBinding', plural: 'workfloweventbindings', shortNames: ['wfeb'], scope: 'Namespaced', fields: ['spec'], required: ['metadata', 'spec'] },
  {
    kind: 'Workflow', plural: 'workflows', shortNames: ['wf'], scope: 'Namespaced', fields: ['spec', 'status'], required: ['metadata', 'spec'],
    printerColumns: [
      { description: 'Status of the workflow', jsonPath: '.status.phase', name: 'Status', type: 'string' },
      { description: 'When the workflow was started', format: 'date-time', jsonPath: '.status.startedAt', name: 'Age', type: 'date' },
      { description: 'Human readable message indicating details about why the workflow is in this condition.', jsonPath: '.status.message', name: 'Message', type: 'string' },
    ],
  },
  { kind: 'WorkflowTaskResult', plural: 'workflowtaskresults', shortNames: [], scope: 'Namespaced', fields: ['message', 'outputs', 'phase', 'progress'], required: ['metadata'] },
  { kind: 'WorkflowTaskSet', plural: 'workflowtasksets', shortNames: ['wfts'], scope: 'Namespaced', fields: ['spec', 'status'], required: ['metadata', 'spec'], statusSubresource: true },
  { kind: 'WorkflowTemplate', plural: 'workflowtemplates', shortNames: ['wftmpl'], scope: 'Namespaced', fields: ['spec'], required: ['metadata', 'spec'] },
];

const SCALAR_FIELDS: Record<string, JSONSchemaProps> = {
  message: { type: 'string' },
  phase: { type: 'string' },
  progress: { type: 'string' },
};

/** The minimal schema: known top-level fields, each an open object (or string), as upstream's minimal CRDs. */
export function minimalSchema(def: CrdDefinition): JSONSchemaProps {
  const properties: Record<string, JSONSchemaProps> = {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
  };
  for (const f of def.fields) {
    properties[f] = SCALAR_FIELDS[f] ?? { type: 'object', 'x-kubernetes-map-type': 'atomic', 'x-kubernetes-preserve-unknown-fields': true };
  }
  return { type: 'object', properties, required: def.required };
}

/** The CRD's metadata.name, e.g. `workflows.argoproj.io`. */
export const crdName = (def: CrdDefinition) => `${def.plural}.${ARGO_GROUP}`;
