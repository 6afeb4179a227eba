import { App, Chart } from 'cdk8s';
import { ArgoWorkflows, type ArgoWorkflowsProps, CrdMode, InstallScope } from '../src';

/** The tenants, in install order: the first one owns the cluster-wide objects. */
export const TENANTS: readonly string[] = ['tenant-a', 'tenant-b'];

/**
 * One tenant's install: namespaced, controller and argo-server in `<tenant>` with
 * `--namespaced --managed-namespace <tenant>-workflows`; the tenant's workflows run in
 * `<tenant>-workflows`. Every object carries the label `tenant: <tenant>`.
 *
 * What is cluster-wide exists once: the first install runs the CRD installer (its ClusterRole and
 * ClusterRoleBinding are named after its namespace, `tenant-a-crd-installer`) and creates the
 * PriorityClass `workflow-controller`; the others install no CRDs (`CrdMode.NONE`) and no
 * PriorityClass (`controller.priorityClass: 'existing'`: their controllers run with the class the
 * first install creates).
 */
export function tenantProps(tenant: string, first: boolean): ArgoWorkflowsProps {
  const workflows = `${tenant}-workflows`;
  return {
    namespace: tenant,
    scope: InstallScope.NAMESPACED,
    managedNamespace: workflows,
    workflowNamespaces: [{ name: workflows }],
    crds: first ? CrdMode.INSTALLER : CrdMode.NONE,
    labels: { tenant },
    ...(first ? {} : { controller: { priorityClass: 'existing' as const } }),
  };
}

/** The installs of the preset, one per tenant, in order. */
export const MULTI_TENANT_PROPS: readonly ArgoWorkflowsProps[] = TENANTS.map((tenant, i) => tenantProps(tenant, i === 0));

/**
 * The `multi-tenant` preset: one chart of that name in `app` with one install per tenant. No
 * object (kind, namespace, name) appears twice: each tenant has its own namespaces, and the
 * cluster-scoped objects are the four Namespaces, the CRD installer's ClusterRole and
 * ClusterRoleBinding `tenant-a-crd-installer`, and one PriorityClass.
 */
export function buildMultiTenant(app: App): Chart {
  const chart = new Chart(app, 'multi-tenant');
  MULTI_TENANT_PROPS.forEach((props, i) => new ArgoWorkflows(chart, TENANTS[i], props));
  return chart;
}
