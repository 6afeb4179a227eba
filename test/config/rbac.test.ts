import { SSO_PROPS } from '../../examples/sso';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { RbacProfile } from '../../src/config/rbac';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { bad, expectInvalid } from './_helpers';

const MINIMAL: ArgoWorkflowsProps = { rbacProfile: RbacProfile.MINIMAL };
const FIX = (feature: string) => `Fix: set rbacFeatures.${feature} to true, or use rbacProfile: RbacProfile.UPSTREAM`;

describe('rbacProfile and rbacFeatures', () => {
  test('default: upstream, no feature', () => {
    expect(resolveArgoWorkflows().rbac).toEqual({ profile: 'upstream', features: [] });
  });

  test('minimal with features, in the order of the options type; false is off', () => {
    const plan = resolveArgoWorkflows({ rbacProfile: 'minimal', rbacFeatures: { ssoRbac: true, argoEvents: true, memoization: true, agent: false } });
    expect(plan.rbac).toEqual({ profile: RbacProfile.MINIMAL, features: ['memoization', 'argoEvents', 'ssoRbac'] });
  });

  test('an unknown profile', () => {
    expectInvalid(() => resolveArgoWorkflows({ rbacProfile: bad('least') }),
      'rbacProfile "least" is invalid: it must be one of "upstream", "minimal". Fix: use RbacProfile.UPSTREAM or RbacProfile.MINIMAL');
  });

  test('rbacFeatures must be an object of booleans with known names', () => {
    expectInvalid(() => resolveArgoWorkflows({ rbacFeatures: bad(['argoEvents']) }),
      'rbacFeatures ["argoEvents"] is invalid: it must be an object. Fix: pass an object, e.g. { argoEvents: true }');
    expectInvalid(() => resolveArgoWorkflows({ rbacFeatures: bad({ argoEvent: true }) }),
      'rbacFeatures.argoEvent is not an option argo-stack knows; allowed here: memoization, templateOffload, namespaceParallelism, podDisruptionBudgets, '
      + 'volumeClaims, agent, artifactGc, argoEvents, workflowEvents, syncLimits, ssoRbac. Fix: rename it to "argoEvents"');
    expectInvalid(() => resolveArgoWorkflows({ rbacFeatures: bad({ agent: 'yes' }) }),
      'rbacFeatures.agent "yes" is invalid: it must be true or false. Fix: give a boolean');
  });
});

describe('minimal with a feature that needs a dropped rule', () => {
  test('SSO RBAC', () => {
    expectInvalid(() => resolveArgoWorkflows({ ...SSO_PROPS, ...MINIMAL }),
      `sso.rbac (SSO RBAC) needs argo-server to list and watch ServiceAccounts, which rbacProfile "minimal" does not grant without rbacFeatures.ssoRbac. ${FIX('ssoRbac')}`);
    expect(resolveArgoWorkflows({ ...SSO_PROPS, ...MINIMAL, rbacFeatures: { ssoRbac: true } }).rbac.features).toEqual(['ssoRbac']);
  });

  test('the agent Role of a workflow namespace', () => {
    expectInvalid(() => resolveArgoWorkflows({ ...MINIMAL, workflowNamespaces: [{ name: 'a', agent: true }, { name: 'b' }, { name: 'c', agent: true }] }),
      'workflowNamespaces agent ("a", "c") needs the controller to create and patch WorkflowTaskSets and read the agent CA Secret, '
      + `which rbacProfile "minimal" does not grant without rbacFeatures.agent. ${FIX('agent')}`);
  });

  test('the artifact GC Role of a workflow namespace, or artifact GC in the workflow defaults', () => {
    expectInvalid(() => resolveArgoWorkflows({ ...MINIMAL, workflowNamespaces: [{ name: 'a', artifactGC: true }] }),
      `workflowNamespaces artifactGC ("a") needs the controller to create and delete WorkflowArtifactGCTasks, which rbacProfile "minimal" does not grant without rbacFeatures.artifactGc. ${FIX('artifactGc')}`);
    expectInvalid(() => resolveArgoWorkflows({ ...MINIMAL, controller: { config: { workflowDefaults: { spec: { artifactGC: { strategy: 'OnWorkflowDeletion' } } } } } }),
      'controller.config.workflowDefaults.spec.artifactGC needs the controller to create and delete WorkflowArtifactGCTasks, '
      + `which rbacProfile "minimal" does not grant without rbacFeatures.artifactGc. ${FIX('artifactGc')}`);
    // Never, or no strategy, uses no artifact GC.
    for (const strategy of ['Never', ''] as const) {
      expect(resolveArgoWorkflows({ ...MINIMAL, controller: { config: { workflowDefaults: { spec: { artifactGC: { strategy } } } } } }).rbac.features).toEqual([]);
    }
  });

  test('PodDisruptionBudgets and volume claims in the workflow defaults', () => {
    expectInvalid(() => resolveArgoWorkflows({ ...MINIMAL, controller: { config: { workflowDefaults: { spec: { podDisruptionBudget: { minAvailable: 1 } } } } } }),
      'controller.config.workflowDefaults.spec.podDisruptionBudget needs the controller to create and delete PodDisruptionBudgets, '
      + `which rbacProfile "minimal" does not grant without rbacFeatures.podDisruptionBudgets. ${FIX('podDisruptionBudgets')}`);
    expectInvalid(() => resolveArgoWorkflows({
      ...MINIMAL, controller: { config: { workflowDefaults: { spec: { volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'work' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] } } } },
    }), 'controller.config.workflowDefaults.spec.volumeClaimTemplates needs the controller to create, get and delete PersistentVolumeClaims, '
      + `which rbacProfile "minimal" does not grant without rbacFeatures.volumeClaims. ${FIX('volumeClaims')}`);
  });

  test('every missing feature is listed at once', () => {
    expectInvalid(() => resolveArgoWorkflows({ ...SSO_PROPS, ...MINIMAL, workflowNamespaces: [{ name: 'argo', agent: true }] }),
      '2 options are invalid:\n'
      + `  sso.rbac (SSO RBAC) needs argo-server to list and watch ServiceAccounts, which rbacProfile "minimal" does not grant without rbacFeatures.ssoRbac. ${FIX('ssoRbac')}\n`
      + '  workflowNamespaces agent ("argo") needs the controller to create and patch WorkflowTaskSets and read the agent CA Secret, '
      + `which rbacProfile "minimal" does not grant without rbacFeatures.agent. ${FIX('agent')}`);
  });

  test('upstream grants them all: no error', () => {
    expect(resolveArgoWorkflows({ ...SSO_PROPS, workflowNamespaces: [{ name: 'argo', agent: true, artifactGC: true }] }).rbac).toEqual({ profile: 'upstream', features: [] });
  });
});
