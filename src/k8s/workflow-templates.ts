import { Construct } from 'constructs';
import type { ExampleWorkflowTemplate as TemplateData } from '../config/templates/example-template';
import { Component, K8sContext, manifest, meta } from './_meta';

export interface ExampleWorkflowTemplateProps {
  readonly ctx: K8sContext;
  readonly namespace: string;
  readonly template: TemplateData;
}

/**
 * The example `WorkflowTemplate` (`argoproj.io/v1alpha1`) of a strict install, as the plan gives it:
 * `argo submit -n <namespace> --from workflowtemplate/hello-world` runs it.
 */
export class ExampleWorkflowTemplate extends Construct {
  constructor(scope: Construct, id: string, props: ExampleWorkflowTemplateProps) {
    super(scope, id);
    const { ctx, namespace, template } = props;
    manifest(this, 'Resource', {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate',
      metadata: meta(ctx, Component.WORKFLOW_NAMESPACE, template.name, namespace),
      spec: template.spec,
    });
  }
}
