/**
 * The example WorkflowTemplate `hello-world` of a strict install, as plain data: one container step
 * that prints a line, running as the namespace's workflow service account, Pod Security restricted,
 * with the install's pinned Jobs image (it has `echo`; mirrors already carry it).
 */
import { ARGO_UID } from '../pod';

/** The example template's name. */
export const EXAMPLE_TEMPLATE_NAME = 'hello-world';

/** The restricted container security context of the example step. */
const CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};

/** A WorkflowTemplate's name and spec (Argo's `WorkflowSpec`, the fields the example uses). */
export interface ExampleWorkflowTemplate {
  readonly name: string;
  readonly spec: {
    readonly serviceAccountName: string;
    readonly entrypoint: string;
    readonly securityContext: Record<string, unknown>;
    readonly templates: readonly Record<string, unknown>[];
  };
}

/** The example template for a namespace whose workflows run as `serviceAccountName`, with `image` (pinned). */
export function exampleWorkflowTemplate(serviceAccountName: string, image: string): ExampleWorkflowTemplate {
  return {
    name: EXAMPLE_TEMPLATE_NAME,
    spec: {
      serviceAccountName,
      entrypoint: 'main',
      securityContext: { runAsNonRoot: true, runAsUser: ARGO_UID, runAsGroup: ARGO_UID, seccompProfile: { type: 'RuntimeDefault' } },
      templates: [{
        name: 'main',
        container: {
          name: 'main',
          image,
          command: ['echo'],
          args: ['hello from {{workflow.name}}'],
          resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
          securityContext: CONTAINER_SECURITY,
        },
      }],
    },
  };
}
