/**
 * `config.kubernetes.io/depends-on`: the ordering hint cli-utils, kpt and Pulumi's `yaml/v2`
 * honour (Argo CD has sync waves instead, see `orderingHints`). Written by one helper, once the
 * whole install exists, from what each object needs to exist (or to have finished) first:
 * - the CRD installer and credentials Jobs: the bindings that give them their rights (and the
 *   credentials Job's admission policy binding);
 * - the in-cluster database and MinIO: the credentials Job that makes their Secrets;
 * - workflow-controller and argo-server: that Job too, and the in-cluster database (their init
 *   container waits as well, but a deployer need not start them early);
 * - MinIO's bucket and users Jobs: MinIO itself, and the Job that makes its credentials;
 * - Argo custom resources argo-stack writes (the example WorkflowTemplate): the CRD installer Job.
 */
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { Component } from '../config/endpoints';

export const DEPENDS_ON_ANNOTATION = 'config.kubernetes.io/depends-on';

/** `<group>/namespaces/<namespace>/<Kind>/<name>`, or `<group>/<Kind>/<name>` for a cluster-scoped object (core group: empty). */
export function objectReference(o: ApiObject): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  const ns = o.metadata.namespace;
  return ns ? `${group}/namespaces/${ns}/${o.kind}/${o.name}` : `${group}/${o.kind}/${o.name}`;
}

const componentOf = (o: ApiObject): string | undefined => o.metadata.getLabel('app.kubernetes.io/component');

/** Adds the hint to every object of `scope` that needs another one first. */
export function addDependencyHints(scope: Construct): void {
  const objects = scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
  const of = (kind: string, component: Component) => objects.filter((o) => o.kind === kind && componentOf(o) === component);
  const credentialsJob = of('Job', Component.CREDENTIALS);
  const installer = of('Job', Component.CRDS);
  const database = [...of('StatefulSet', Component.POSTGRES), ...of('StatefulSet', Component.MYSQL)];
  const minio = of('StatefulSet', Component.MINIO);
  const bindings = (component: Component) => objects.filter((o) => componentOf(o) === component && /(RoleBinding|PolicyBinding)$/.test(o.kind));
  const rules: [ApiObject[], ApiObject[]][] = [
    [installer, bindings(Component.CRDS)],
    [credentialsJob, bindings(Component.CREDENTIALS)],
    [[...database, ...minio], credentialsJob],
    [[...of('Deployment', Component.CONTROLLER), ...of('Deployment', Component.SERVER)], [...credentialsJob, ...database]],
    [of('Job', Component.MINIO), [...minio, ...credentialsJob]],
    [objects.filter((o) => o.apiVersion.startsWith('argoproj.io/')), installer],
  ];
  for (const [dependents, needs] of rules) {
    if (!needs.length) continue;
    const value = needs.map(objectReference).join(',');
    for (const o of dependents) o.metadata.addAnnotation(DEPENDS_ON_ANNOTATION, value);
  }
}
