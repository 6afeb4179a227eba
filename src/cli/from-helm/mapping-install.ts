/** Install-wide chart values: CRDs, scope, images, names, workflow namespaces and their RBAC. */
import { isPlainObject } from '../../config/check';
import type { Conversion } from './context';
import { ChartMapping, notCarried, same } from './row';
import { workloadIdentityOf } from './identity';

const IMAGE_OPTION = { controller: 'controller', server: 'server', executor: 'executor' } as const;
const IMAGE_DEFAULT_REPOSITORY = { controller: 'argoproj/workflow-controller', server: 'argoproj/argocli', executor: 'argoproj/argoexec' } as const;

function crds(cx: Conversion): void {
  const install = cx.bool('crds.install');
  const full = cx.bool('crds.full');
  if (install === false) {
    cx.set('crds', 'none', 'crds.install');
    if (full !== undefined) cx.skip('crds.full', 'no CRDs are installed (crds.install is false)');
  } else if (full === false) {
    cx.set('crds', 'minimal', 'crds.full');
  }
}

function images(cx: Conversion): void {
  for (const c of ['controller', 'server', 'executor'] as const) {
    const registry = cx.str(`${c}.image.registry`);
    const repository = cx.str(`${c}.image.repository`);
    const tag = cx.str(`${c}.image.tag`);
    if (registry === undefined && repository === undefined && tag === undefined) continue;
    const version = tag ?? cx.str('images.tag') ?? cx.option('version');
    const ref = `${registry ?? 'quay.io'}/${repository ?? IMAGE_DEFAULT_REPOSITORY[c]}${version === undefined ? '' : `:${String(version)}`}`;
    if (version === undefined) cx.skip(`${c}.image`, 'argo-stack needs a tag with another repository: add one, or it pins the version of the install');
    else cx.set(`images.${IMAGE_OPTION[c]}`, ref, `${c}.image`);
  }
}

function pullSecrets(cx: Conversion): void {
  const list = cx.list('images.pullSecrets');
  if (list === undefined) return;
  cx.set('imagePullSecrets', list.map((s) => (isPlainObject(s) ? s.name : s)), 'images.pullSecrets');
}

/** `controller.workflowNamespaces`, `workflow.*`: one entry per namespace, with the service account and the agent and GC roles. */
function workflowNamespaces(cx: Conversion): void {
  const listed = cx.list('controller.workflowNamespaces');
  const legacy = cx.str('workflow.namespace');
  if (cx.bool('singleNamespace') === true) {
    if (listed !== undefined) cx.skip('controller.workflowNamespaces', 'the chart ignores it with singleNamespace: true; argo-stack\'s namespaced install manages the install namespace (set managedNamespace and workflowNamespaces to run workflows in another one)');
    if (legacy !== undefined) cx.skip('workflow.namespace', 'the chart ignores it with singleNamespace: true');
    return;
  }
  const names = [...new Set([...(listed ?? []).map(String), ...(legacy !== undefined ? [legacy] : [])])];
  if (names.length === 0) {
    for (const key of ['workflow.serviceAccount.name', 'workflow.serviceAccount.annotations', 'workflow.rbac.agentPermissions', 'workflow.rbac.artifactGC']) {
      if (cx.get(key) !== undefined) cx.skip(key, 'no workflow namespace is listed (controller.workflowNamespaces); argo-stack sets these per namespace');
    }
    return;
  }
  const entry: Record<string, unknown> = {};
  const saName = cx.str('workflow.serviceAccount.name');
  if (saName !== undefined) entry.serviceAccountName = saName;
  const { identity, annotations } = workloadIdentityOf(cx.map('workflow.serviceAccount.annotations'));
  if (identity !== undefined) entry.workloadIdentity = identity;
  if (annotations !== undefined) entry.serviceAccountAnnotations = annotations;
  if (cx.bool('workflow.rbac.agentPermissions') === true) entry.agent = true;
  if (cx.bool('workflow.rbac.artifactGC') === true) entry.artifactGC = true;
  cx.set('workflowNamespaces', names.map((name) => ({ name, ...entry })), 'controller.workflowNamespaces');
  cx.skip('controller.workflowNamespaces', `the chart also gives the release namespace a workflow Role; argo-stack sets up only the namespaces listed (add { name: "${cx.namespace ?? 'argo'}" } to run workflows there)`);
}

export const INSTALL_ROWS: readonly ChartMapping[] = [
  { chart: 'crds.{install,full}', option: '`crds`: `install: false` → `none`; `full: false` → `minimal`; the default `installer` applies the full CRDs from the crdinstaller image, with no download', convert: crds },
  notCarried('crds.{keep,annotations}', 'argo-stack\'s output is not a Helm release: nothing deletes the CRDs on uninstall, and it writes no extra CRD annotations'),
  same('crds.upgradeJob.resources', 'jobs.resources'),
  same('crds.upgradeJob.nodeSelector', 'jobs.nodeSelector'),
  same('crds.upgradeJob.tolerations', 'jobs.tolerations'),
  notCarried('crds.upgradeJob.{image,crdBaseURL,hostPath,imagePullSecrets,podSecurityContext,securityContext,extraEnv}', 'argo-stack\'s CRD installer Job runs the crdinstaller image, which holds the CRDs: it downloads nothing, so it needs no mirror, proxy or host path, and runs Pod Security "restricted"'),
  {
    chart: 'singleNamespace',
    option: '`scope: namespaced` (Roles only, with no cluster bindings left behind)',
    convert: (cx) => { if (cx.bool('singleNamespace') === true) cx.set('scope', 'namespaced', 'singleNamespace'); },
  },
  {
    chart: 'controller.workflowNamespaces',
    option: '`workflowNamespaces: [{ name }]`; argo-stack also creates each namespace (`create: false` to skip) and its workflow service account',
    convert: workflowNamespaces,
  },
  { chart: 'workflow.namespace', option: '`workflowNamespaces: [{ name }]` (the chart\'s deprecated form of `controller.workflowNamespaces`)', convert: workflowNamespaces },
  { chart: 'workflow.serviceAccount.{name,annotations}', option: '`workflowNamespaces[].serviceAccountName`; IRSA, GKE and Azure annotations → `workflowNamespaces[].workloadIdentity`, others → `.serviceAccountAnnotations`', convert: workflowNamespaces },
  { chart: 'workflow.rbac.{agentPermissions,artifactGC}', option: '`workflowNamespaces[].agent`, `workflowNamespaces[].artifactGC`', convert: workflowNamespaces },
  notCarried('workflow.serviceAccount.create', 'already the default: argo-stack creates the workflow service account in every workflow namespace'),
  notCarried('workflow.serviceAccount.{labels,pullSecrets}', 'argo-stack\'s workflow service account takes annotations only; the image pull Secrets of workflow pods belong in the workflows (or `controller.config.workflowDefaults`)'),
  { chart: 'workflow.serviceAccount.createSecret', option: '`workflowServiceAccountTokens: true`', convert: (cx) => { if (cx.bool('workflow.serviceAccount.createSecret') === true) cx.set('workflowServiceAccountTokens', true, 'workflow.serviceAccount.createSecret'); } },
  notCarried('workflow.rbac.create', 'argo-stack always creates the executor Role: a workflow pod cannot report its results without it'),
  notCarried('workflow.rbac.{serviceAccounts,rules}', 'argo-stack\'s executor Role is the minimal one; bind other service accounts, or grant more, with your own Role next to it'),
  { chart: 'images.tag', option: '`version` (every image is pinned to it)', convert: (cx) => { const t = cx.str('images.tag'); if (t !== undefined) cx.set('version', t, 'images.tag'); } },
  { chart: 'images.pullSecrets', option: '`imagePullSecrets` (names)', convert: pullSecrets },
  notCarried('images.pullPolicy', 'argo-stack pins images by release tag and leaves imagePullPolicy to Kubernetes (IfNotPresent for a tag)'),
  { chart: '{controller,server,executor}.image.{registry,repository,tag}', option: '`images.controller`, `images.server`, `images.executor` (full references); `imageRegistry` for a mirror of all of them', convert: images },
  same('commonLabels', 'labels'),
  same('namespaceOverride', 'namespace'),
  notCarried('{nameOverride,fullnameOverride}', 'argo-stack keeps the upstream names (see the renames below)'),
  notCarried('{kubeVersionOverride,apiVersionOverrides}', 'argo-stack writes one API version per kind (`autoscaling/v2`, `monitoring.coreos.com/v1`, …) without asking the cluster'),
  notCarried('createAggregateRoles', 'already the default: argo-stack always adds the Argo resources to the built-in view, edit and admin roles'),
  notCarried('extraObjects', 'argo-stack writes only its own objects: apply yours next to its output'),
  notCarried('useDefaultArtifactRepo', 'removed from the chart in 2023; the artifact repository is `artifactRepository`'),
];
