import { Construct } from 'constructs';
import type { IClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import type { IClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { ApiAccess } from '../config/contributions';
import { InstallScope } from '../config/install';
import { Component, K8sContext, manifest, meta } from './_meta';
import { UPSTREAM_RBAC } from '../config/rbac';
import type { ResolvedRbac } from '../config/rbac';
import { accessRules, AGGREGATE_ROLES, controllerRules, PolicyRule, secretReadRules, serverRules } from './_rbac-rules';

const RBAC = 'rbac.authorization.k8s.io/v1';

export interface RbacProps {
  readonly ctx: K8sContext;
  /** Secrets in the install namespace the service account may read, by name. */
  readonly secrets: string[];
  /** Further API access in the install namespace that features need. @default - none */
  readonly access?: readonly ApiAccess[];
  /** The RBAC profile and the features turned on. @default - upstream, no feature */
  readonly rbac?: ResolvedRbac;
}

/** A Role and its RoleBinding to one service account of the install namespace. */
export function roleWithBinding(scope: Construct, id: string, ctx: K8sContext, component: Component | string, o: {
  roleName: string; bindingName: string; namespace: string; serviceAccount: string; serviceAccountNamespace: string; rules: PolicyRule[];
}): void {
  manifest<IRole>(scope, `${id}Role`, {
    apiVersion: RBAC, kind: 'Role', metadata: meta(ctx, component, o.roleName, o.namespace), rules: o.rules,
  });
  manifest<IRoleBinding>(scope, `${id}RoleBinding`, {
    apiVersion: RBAC, kind: 'RoleBinding', metadata: meta(ctx, component, o.bindingName, o.namespace),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: o.roleName },
    subjects: [{ kind: 'ServiceAccount', name: o.serviceAccount, namespace: o.serviceAccountNamespace }],
  });
}

/** A ClusterRole and its ClusterRoleBinding to one service account. */
export function clusterRoleWithBinding(scope: Construct, id: string, ctx: K8sContext, component: Component | string, o: {
  roleName: string; bindingName: string; serviceAccount: string; serviceAccountNamespace: string; rules: PolicyRule[];
  annotations?: Record<string, string>;
}): void {
  const extra = o.annotations ? { annotations: { ...o.annotations } } : {};
  manifest<IClusterRole>(scope, `${id}ClusterRole`, {
    apiVersion: RBAC, kind: 'ClusterRole', metadata: meta(ctx, component, o.roleName, undefined, extra), rules: o.rules,
  });
  manifest<IClusterRoleBinding>(scope, `${id}ClusterRoleBinding`, {
    apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: meta(ctx, component, o.bindingName, undefined, extra),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: o.roleName },
    subjects: [{ kind: 'ServiceAccount', name: o.serviceAccount, namespace: o.serviceAccountNamespace }],
  });
}

/**
 * The controller's RBAC. Cluster install: ClusterRole `argo-cluster-role` plus Role `argo-role`
 * (leases, named Secrets) in the install namespace. Namespaced install: Roles only, split between
 * the install namespace and the managed namespace when they differ.
 */
export class ControllerRbac extends Construct {
  constructor(scope: Construct, id: string, props: RbacProps) {
    super(scope, id);
    const { ctx } = props;
    const ns = ctx.namespace;
    const sa = { serviceAccount: 'argo', serviceAccountNamespace: ns };
    const names = { roleName: 'argo-role', bindingName: 'argo-binding' };
    const cluster = ctx.scope === InstallScope.CLUSTER;
    const rules = controllerRules(props.rbac ?? UPSTREAM_RBAC, cluster);
    const local = [...rules.lease, ...secretReadRules(props.secrets), ...accessRules(props.access ?? [])];
    if (cluster) {
      roleWithBinding(this, 'Install', ctx, Component.CONTROLLER, { ...names, ...sa, namespace: ns, rules: local });
      clusterRoleWithBinding(this, 'Cluster', ctx, Component.CONTROLLER, {
        roleName: 'argo-cluster-role', bindingName: 'argo-binding', ...sa, rules: rules.workload,
      });
      for (const { suffix, rules } of AGGREGATE_ROLES) {
        manifest<IClusterRole>(this, `Aggregate-${suffix}`, {
          apiVersion: RBAC, kind: 'ClusterRole',
          metadata: meta(ctx, Component.CONTROLLER, `argo-aggregate-to-${suffix}`, undefined, {
            labels: { [`rbac.authorization.k8s.io/aggregate-to-${suffix}`]: 'true' },
          }),
          rules,
        });
      }
    } else if (!ctx.managedNamespace) {
      roleWithBinding(this, 'Install', ctx, Component.CONTROLLER, { ...names, ...sa, namespace: ns, rules: [...local, ...rules.workload] });
    } else {
      roleWithBinding(this, 'Install', ctx, Component.CONTROLLER, { ...names, ...sa, namespace: ns, rules: [...local, ...rules.config] });
      roleWithBinding(this, 'Managed', ctx, Component.CONTROLLER, { ...names, ...sa, namespace: ctx.managedNamespace, rules: rules.workload });
    }
  }
}

/**
 * argo-server's RBAC. Cluster install: ClusterRole `argo-server-cluster-role` without any Secret
 * access, plus Role `argo-server-role` for the named Secrets it reads. Namespaced: Roles only.
 */
export class ServerRbac extends Construct {
  constructor(scope: Construct, id: string, props: RbacProps) {
    super(scope, id);
    const { ctx } = props;
    const ns = ctx.namespace;
    const sa = { serviceAccount: 'argo-server', serviceAccountNamespace: ns };
    const names = { roleName: 'argo-server-role', bindingName: 'argo-server-binding' };
    const secrets = [...secretReadRules(props.secrets), ...accessRules(props.access ?? [])];
    const cluster = ctx.scope === InstallScope.CLUSTER;
    const rules = serverRules(props.rbac ?? UPSTREAM_RBAC, cluster);
    if (cluster) {
      if (secrets.length) roleWithBinding(this, 'Install', ctx, Component.SERVER, { ...names, ...sa, namespace: ns, rules: secrets });
      clusterRoleWithBinding(this, 'Cluster', ctx, Component.SERVER, {
        roleName: 'argo-server-cluster-role', bindingName: 'argo-server-binding', ...sa, rules: rules.workload,
      });
    } else if (!ctx.managedNamespace) {
      roleWithBinding(this, 'Install', ctx, Component.SERVER, { ...names, ...sa, namespace: ns, rules: [...rules.workload, ...secrets] });
    } else {
      roleWithBinding(this, 'Install', ctx, Component.SERVER, { ...names, ...sa, namespace: ns, rules: [...rules.config, ...secrets] });
      roleWithBinding(this, 'Managed', ctx, Component.SERVER, { ...names, ...sa, namespace: ctx.managedNamespace, rules: rules.workload });
    }
  }
}
