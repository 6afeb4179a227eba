import { Construct } from 'constructs';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { SERVER_NAME } from '../config/server';
import type { ResolvedWorkflowNamespace } from '../config/workflow-namespaces';
import { Component, K8sContext, manifest, meta } from './_meta';
import { AGENT_RULES, ARTIFACT_GC_RULES, EXECUTOR_RULES, secretReadRules } from './_rbac-rules';
import { roleWithBinding } from './rbac';
import { ExampleWorkflowTemplate } from './workflow-templates';

export interface WorkflowNamespaceProps {
  readonly ctx: K8sContext;
  readonly namespace: ResolvedWorkflowNamespace;
}

/**
 * What one namespace needs to run workflows: the workflow ServiceAccount, Role `executor`
 * (workflowtaskresults create, patch) bound to it, the `agent` Role and the token Secret when asked,
 * the artifact GC ServiceAccount with Role `artifactgc` when GC is on, the example WorkflowTemplate
 * of a strict install, and a Role letting argo-server read the artifact repositories' Secrets.
 * The Namespace object itself is created by ArgoWorkflows when asked.
 */
export class WorkflowNamespace extends Construct {
  constructor(scope: Construct, id: string, props: WorkflowNamespaceProps) {
    super(scope, id);
    const { ctx, namespace: n } = props;
    const sa = n.serviceAccountName;
    const annotations = Object.keys(n.serviceAccountAnnotations).length ? { annotations: n.serviceAccountAnnotations } : {};
    manifest<IServiceAccount>(this, 'ServiceAccount', {
      apiVersion: 'v1', kind: 'ServiceAccount',
      metadata: meta(ctx, Component.WORKFLOW_NAMESPACE, sa, n.name, annotations),
    });
    const bind = (id2: string, role: string, rules: typeof EXECUTOR_RULES, account = sa) => roleWithBinding(this, id2, ctx, Component.WORKFLOW_NAMESPACE, {
      roleName: role, bindingName: `${role}-${account}`, namespace: n.name, serviceAccount: account, serviceAccountNamespace: n.name, rules,
    });
    bind('Executor', 'executor', EXECUTOR_RULES);
    if (n.agent) bind('Agent', 'agent', AGENT_RULES);
    if (n.serviceAccountTokenSecret) {
      // Agent pods, and executors when tokens are not automounted, mount the Secret
      // `<sa>.service-account-token`, which Kubernetes >= 1.24 only fills in when it exists. It
      // holds no data here: the token controller writes it in the cluster.
      manifest<ISecret>(this, 'AgentToken', {
        apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
        metadata: meta(ctx, Component.WORKFLOW_NAMESPACE, `${sa}.service-account-token`, n.name, {
          annotations: { 'kubernetes.io/service-account.name': sa },
        }),
      });
    }
    const gc = n.artifactGCServiceAccount;
    if (gc) {
      // Artifact GC pods run as their own account: they delete objects, workflows need not.
      manifest<IServiceAccount>(this, 'ArtifactGCServiceAccount', {
        apiVersion: 'v1', kind: 'ServiceAccount',
        metadata: meta(ctx, Component.WORKFLOW_NAMESPACE, gc.name, n.name, Object.keys(gc.annotations).length ? { annotations: gc.annotations } : {}),
      });
      bind('ArtifactGC', 'artifactgc', ARTIFACT_GC_RULES, gc.name);
    }
    if (n.exampleTemplate) new ExampleWorkflowTemplate(this, 'ExampleTemplate', { ctx, namespace: n.name, template: n.exampleTemplate });
    // argo-server serves artifacts and archived logs with the repositories' credentials, read here.
    const secrets = n.serverSecrets;
    if (secrets.length) {
      roleWithBinding(this, 'ServerArtifacts', ctx, Component.WORKFLOW_NAMESPACE, {
        roleName: 'argo-server-artifacts', bindingName: 'argo-server-artifacts', namespace: n.name,
        serviceAccount: SERVER_NAME, serviceAccountNamespace: ctx.namespace, rules: secretReadRules(secrets),
      });
    }
  }
}
