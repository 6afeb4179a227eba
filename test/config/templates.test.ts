import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { validateControllerConfig } from '../../src/config/controller-config/schema';
import { TemplateReferencing } from '../../src/config/templates/workflow-restrictions';
import { bad, expectInvalid } from './_helpers';

const resolve = (props: ArgoWorkflowsProps) => () => resolveArgoWorkflows(props);

describe('workflowRestrictions', () => {
  test('templateReferencing goes to the controller config; each workflow namespace gets hello-world', () => {
    const plan = resolveArgoWorkflows({ workflowNamespaces: [{ name: 'argo' }, { name: 'team-b', serviceAccountName: 'runner' }], workflowRestrictions: { templateReferencing: TemplateReferencing.STRICT } });
    expect(plan.controller.config.workflowRestrictions).toEqual({ templateReferencing: 'Strict' });
    expect(() => validateControllerConfig(plan.controller.config, 'config')).not.toThrow();
    expect(plan.workflowNamespaces.map((n) => [n.exampleTemplate?.name, n.exampleTemplate?.spec.serviceAccountName])).toEqual([['hello-world', 'argo-workflow'], ['hello-world', 'runner']]);
  });

  test('the plain string and Secure; exampleTemplate: false emits no template', () => {
    const plan = resolveArgoWorkflows({ workflowNamespaces: [{ name: 'argo' }], workflowRestrictions: { templateReferencing: 'Secure', exampleTemplate: false } });
    expect(plan.controller.config.workflowRestrictions).toEqual({ templateReferencing: 'Secure' });
    expect(plan.workflowNamespaces[0].exampleTemplate).toBeUndefined();
  });

  test('without the option: no restriction, no template', () => {
    const plan = resolveArgoWorkflows({ workflowNamespaces: [{ name: 'argo' }] });
    expect(plan.controller.config).not.toHaveProperty('workflowRestrictions');
    expect(plan.workflowNamespaces[0].exampleTemplate).toBeUndefined();
  });

  test('bad input: exact messages', () => {
    const ns = [{ name: 'argo' }];
    expectInvalid(resolve({ workflowRestrictions: { templateReferencing: TemplateReferencing.STRICT } }),
      'workflowRestrictions.templateReferencing is "Strict" but there is no workflow namespace: no WorkflowTemplate is available to a workflow service account, so every workflow would be refused. Fix: add a workflow namespace, e.g. workflowNamespaces: [{ name: "argo" }] (it gets the example WorkflowTemplate hello-world), or remove workflowRestrictions');
    expectInvalid(resolve({ workflowNamespaces: ns, workflowRestrictions: { templateReferencing: bad('strict') } }),
      'workflowRestrictions.templateReferencing "strict" is invalid: it must be one of "Strict", "Secure". Fix: use TemplateReferencing.STRICT or TemplateReferencing.SECURE');
    expectInvalid(resolve({ workflowNamespaces: ns, workflowRestrictions: bad({}) }),
      'workflowRestrictions.templateReferencing is missing. Fix: set it to TemplateReferencing.STRICT or TemplateReferencing.SECURE, or remove workflowRestrictions');
    expectInvalid(resolve({ workflowNamespaces: ns, workflowRestrictions: bad('Strict') }),
      'workflowRestrictions "Strict" is invalid: it must be an object. Fix: pass an object, e.g. { templateReferencing: TemplateReferencing.STRICT }');
    expectInvalid(resolve({ workflowNamespaces: ns, workflowRestrictions: { templateReferencing: 'Strict', exampleTemplate: bad('no') } }),
      'workflowRestrictions.exampleTemplate "no" is invalid: it must be true or false. Fix: give a boolean');
    expectInvalid(resolve({ workflowNamespaces: ns, workflowRestrictions: bad({ templateReferencing: 'Strict', example: true }) }),
      'workflowRestrictions.example is not an option argo-stack knows; allowed here: templateReferencing, exampleTemplate. Fix: remove workflowRestrictions.example');
    expectInvalid(resolve({ workflowNamespaces: ns, workflowRestrictions: { templateReferencing: 'Strict' }, controller: { config: { workflowRestrictions: { templateReferencing: 'Secure' } } } }),
      'workflowRestrictions is set and so is controller.config.workflowRestrictions: the restrictions would be configured twice. Fix: remove controller.config.workflowRestrictions and use the workflowRestrictions option');
  });
});

describe('workflowServiceAccountTokens', () => {
  test('executor and workflow service account defaults, and the token Secret in each workflow namespace', () => {
    const plan = resolveArgoWorkflows({ workflowNamespaces: [{ name: 'argo' }, { name: 'team-b', agent: true }], workflowServiceAccountTokens: true });
    expect(plan.controller.config.workflowDefaults?.spec).toMatchObject({ serviceAccountName: 'argo-workflow', executor: { serviceAccountName: 'argo-workflow' } });
    expect(() => validateControllerConfig(plan.controller.config, 'config')).not.toThrow();
    expect(plan.workflowNamespaces.map((n) => n.serviceAccountTokenSecret)).toEqual([true, true]);
  });

  test('off by default: only agent namespaces get the Secret, no executor default', () => {
    const plan = resolveArgoWorkflows({ workflowNamespaces: [{ name: 'argo' }, { name: 'team-b', agent: true }] });
    expect(plan.controller.config.workflowDefaults?.spec).not.toHaveProperty('executor');
    expect(plan.workflowNamespaces.map((n) => n.serviceAccountTokenSecret)).toEqual([false, true]);
  });

  test('bad input: exact messages', () => {
    expectInvalid(resolve({ workflowServiceAccountTokens: true }),
      'workflowServiceAccountTokens is true but there is no workflow namespace to create the token Secret in. Fix: add a workflow namespace, e.g. workflowNamespaces: [{ name: "argo" }], or remove workflowServiceAccountTokens');
    expectInvalid(resolve({ workflowNamespaces: [{ name: 'a' }, { name: 'b', serviceAccountName: 'runner' }], workflowServiceAccountTokens: true }),
      'workflowServiceAccountTokens is true but the workflow namespaces use different service accounts ("argo-workflow", "runner"): workflowDefaults is global and names one executor service account. Fix: give every workflow namespace the same serviceAccountName, or set spec.executor.serviceAccountName in each Workflow yourself');
    expectInvalid(resolve({ workflowNamespaces: [{ name: 'a' }], controller: { defaultWorkflowServiceAccount: false }, workflowServiceAccountTokens: true }),
      'workflowServiceAccountTokens is true and controller.defaultWorkflowServiceAccount is false: the executor token default needs the workflow service account default. Fix: remove controller.defaultWorkflowServiceAccount: false, or remove workflowServiceAccountTokens');
    expectInvalid(resolve({ workflowNamespaces: [{ name: 'a' }], workflowServiceAccountTokens: bad('yes') }),
      'workflowServiceAccountTokens "yes" is invalid: it must be true or false. Fix: give a boolean');
  });
});
