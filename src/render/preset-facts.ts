/**
 * What a preset's README tells, read from its rendered objects (so a JSON patch is honoured) and
 * from the plans of its `ArgoWorkflows` installs: images, exposed ports, Secrets and ConfigMaps it
 * creates or expects, and what the cluster needs first. Pure functions over plain data.
 */
import { CredentialsKind, kubectlHint } from '../config/credentials';
import type { ResolvedArgoWorkflows } from '../config/plan';

/** A rendered object, as far as the README reads it. */
export interface Rendered {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly type?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly spec?: any;
}

/** `Kind name` or `Kind namespace/name`. */
export const objectName = (o: Rendered): string => `${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name ?? ''}`;

/** The API group of an object (`''` for the core group). */
export function groupOf(o: Rendered): string {
  const v = o.apiVersion ?? '';
  return v.includes('/') ? v.slice(0, v.indexOf('/')) : '';
}

/** One container image and who runs it. */
export interface ImageUse {
  readonly repository: string;
  /** The tag, or the digest when the reference has one. */
  readonly version: string;
  readonly usedBy: string[];
}

/**
 * `quay.io/argoproj/argocli:v4.1.2` → repository and version: the tag, the digest, or both
 * (`RELEASE.2025-09-07T16-13-09Z@sha256:…`).
 */
export function splitImage(image: string): { repository: string; version: string } {
  const at = image.indexOf('@');
  const name = at === -1 ? image : image.slice(0, at);
  const digest = at === -1 ? '' : image.slice(at + 1);
  const colon = name.lastIndexOf(':');
  const tagged = colon > name.lastIndexOf('/');
  const repository = tagged ? name.slice(0, colon) : name;
  const tag = tagged ? name.slice(colon + 1) : '';
  return { repository, version: [tag, digest].filter(Boolean).join('@') };
}

/** The pod spec of a workload, if the object is one. */
function podSpecOf(o: Rendered): { containers?: { name: string; image: string }[]; initContainers?: { name: string; image: string }[] } | undefined {
  if (o.kind === 'Pod') return o.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  return ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(o.kind ?? '') ? o.spec?.template?.spec : undefined;
}

/**
 * Every image of the rendered pods, in order of first use, with the containers that run it; then
 * the executor image the controller gives workflow pods.
 */
export function imagesOf(objects: readonly Rendered[], plans: readonly ResolvedArgoWorkflows[]): ImageUse[] {
  const uses = new Map<string, string[]>();
  const use = (image: string, by: string) => {
    if (!uses.has(image)) uses.set(image, []);
    if (!uses.get(image)!.includes(by)) uses.get(image)!.push(by);
  };
  for (const o of objects) {
    const pod = podSpecOf(o);
    for (const c of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) use(c.image, `${o.kind} \`${objectName(o)}\` (${c.name})`);
  }
  for (const plan of plans) use(plan.images.executor, `workflow pods' \`init\` and \`wait\` containers (\`--executor-image\` of \`${plan.namespace}/workflow-controller\`)`);
  return [...uses].map(([image, usedBy]) => ({ ...splitImage(image), usedBy }));
}

/** A Secret or ConfigMap the preset needs, who makes it and how. */
export interface NeededObject {
  readonly kind: 'Secret' | 'ConfigMap';
  readonly namespace: string;
  readonly name: string;
  /** How it comes to exist (created by ...), or what to run to create it. */
  readonly how: string;
}

/** Secrets that cert-manager Certificates of the preset issue, as `namespace/name`. */
function issuedSecrets(objects: readonly Rendered[]): Map<string, Rendered> {
  return new Map(objects.filter((o) => o.kind === 'Certificate' && groupOf(o) === 'cert-manager.io')
    .map((o) => [`${o.metadata?.namespace}/${o.spec?.secretName}`, o]));
}

/** The Secrets and ConfigMaps the preset's objects and plans create in the cluster (never in dist/). */
export function createdObjects(objects: readonly Rendered[], plans: readonly ResolvedArgoWorkflows[]): NeededObject[] {
  const out: NeededObject[] = [];
  const credentialsJobs = objects.filter((o) => o.kind === 'Job' && o.metadata?.labels?.['app.kubernetes.io/component'] === 'credentials').map((o) => `\`${objectName(o)}\``);
  const by = credentialsJobs.length ? `the Job ${credentialsJobs.join(', ')}` : 'the credentials Job';
  for (const plan of plans) {
    for (const p of plan.storage.secrets) {
      const how = {
        [CredentialsKind.GENERATED]: `random values generated in the cluster by ${by}`,
        [CredentialsKind.EXTERNAL_SECRET]: `the ExternalSecret \`${p.spec.name}\` (External Secrets Operator)`,
        [CredentialsKind.SEALED_SECRET]: `the SealedSecret \`${p.spec.name}\` (Sealed Secrets controller)`,
        [CredentialsKind.EXISTING]: undefined,
      }[p.spec.source.kind];
      if (how) for (const ns of p.namespaces) out.push({ kind: 'Secret', namespace: ns, name: p.spec.name, how: `${how}; keys ${p.spec.keys.map((k) => `\`${k}\``).join(', ')}` });
    }
    if (plan.auth?.sso) out.push({ kind: 'Secret', namespace: plan.namespace, name: 'sso', how: 'argo-server, at its first start (the key that encrypts its SSO cookies)' });
  }
  for (const o of objects) {
    const name = o.metadata?.name ?? '';
    const namespace = o.metadata?.namespace ?? '';
    if (o.kind === 'Secret' && o.type === 'kubernetes.io/service-account-token') {
      out.push({ kind: 'Secret', namespace, name, how: `Kubernetes: a long-lived token of the ServiceAccount \`${o.metadata?.annotations?.['kubernetes.io/service-account.name']}\`` });
    } else if (o.kind === 'ConfigMap' && groupOf(o) === '') {
      out.push({ kind: 'ConfigMap', namespace, name, how: 'in this folder' });
    }
  }
  for (const [ref, cert] of issuedSecrets(objects)) {
    const [namespace, name] = ref.split('/');
    out.push({ kind: 'Secret', namespace, name, how: `cert-manager, from the Certificate \`${objectName(cert)}\`` });
  }
  return out;
}

/** The Secrets and ConfigMaps the preset reads but does not create: the user makes them first. */
export function expectedObjects(objects: readonly Rendered[], plans: readonly ResolvedArgoWorkflows[]): NeededObject[] {
  const issued = issuedSecrets(objects);
  const out: NeededObject[] = [];
  const secret = (namespace: string, name: string, how: string) => {
    if (!issued.has(`${namespace}/${name}`) && !out.some((o) => o.kind === 'Secret' && o.namespace === namespace && o.name === name)) {
      out.push({ kind: 'Secret', namespace, name, how });
    }
  };
  for (const plan of plans) {
    for (const p of plan.storage.secrets) {
      if (p.spec.source.kind === CredentialsKind.EXISTING) for (const ns of p.namespaces) secret(ns, p.spec.name, `\`${kubectlHint(p.spec, ns)}\``);
    }
    const ca = plan.persistence?.caCertificate;
    if (ca) out.push({ kind: 'ConfigMap', namespace: plan.namespace, name: ca.configMapName, how: `\`kubectl create configmap ${ca.configMapName} -n ${plan.namespace} --from-file=${ca.key}=<CA bundle file>\`` });
    const sso = plan.auth?.sso;
    if (sso) {
      const { clientId, clientSecret } = sso.config;
      for (const name of sso.clientSecrets) {
        const keys = [clientId, clientSecret].filter((r) => r.name === name).map((r) => `--from-literal=${r.key}=...`);
        secret(plan.namespace, name, `\`kubectl create secret generic ${name} -n ${plan.namespace} ${keys.join(' ')}\` (the SSO client)`);
      }
    }
    const tlsSecret = plan.exposure.tls.secretName;
    if (tlsSecret) secret(plan.namespace, tlsSecret, `\`kubectl create secret tls ${tlsSecret} -n ${plan.namespace} --cert=<file> --key=<file>\` (argo-server's certificate)`);
    const ingressTls = plan.exposure.ingress?.tls?.secretName;
    if (ingressTls) secret(plan.namespace, ingressTls, `\`kubectl create secret tls ${ingressTls} -n ${plan.namespace} --cert=<file> --key=<file>\` (the Ingress certificate)`);
    const caConfigMap = plan.exposure.gateway?.backendTls?.caConfigMap;
    if (caConfigMap) out.push({ kind: 'ConfigMap', namespace: plan.namespace, name: caConfigMap, how: `\`kubectl create configmap ${caConfigMap} -n ${plan.namespace} --from-file=ca.crt=<CA file>\` (the CA the Gateway verifies argo-server with; trust-manager can keep it)` });
    for (const name of plan.imagePullSecrets) {
      for (const ns of namespacesOf(plan)) secret(ns, name, `\`kubectl create secret docker-registry ${name} -n ${ns} ...\` (image pulls)`);
    }
  }
  return out;
}

/** Every namespace an install runs pods in: its own and its workflow namespaces. */
const namespacesOf = (plan: ResolvedArgoWorkflows): string[] => [...new Set([plan.namespace, ...plan.workflowNamespaces.map((n) => n.name)])];

/** `kubectl` lines for what `expectedObjects` lists, as the synth program prints them. */
export function expectedHints(objects: readonly Rendered[], plans: readonly ResolvedArgoWorkflows[]): string[] {
  return expectedObjects(objects, plans).map((o) => o.how).filter((h) => h.startsWith('`kubectl ')).map((h) => h.slice(1, h.indexOf('`', 1)));
}

/** The plural resource name of a kind, as its CRD is named. */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

/** The operators that own the custom resource groups argo-stack emits. */
const OPERATORS: Readonly<Record<string, string>> = {
  'cert-manager.io': 'cert-manager',
  'gateway.networking.k8s.io': 'the Gateway API CRDs (and an implementation)',
  'traefik.io': 'Traefik v2.10+ or v3 with its CRDs',
  'traefik.containo.us': 'Traefik with its CRDs',
  'monitoring.coreos.com': 'the Prometheus Operator CRDs',
  'external-secrets.io': 'External Secrets Operator',
  'bitnami.com': 'Sealed Secrets',
  'argoproj.io': 'the Argo Workflows CRDs',
};

/** True when a group is served by Kubernetes itself rather than a CRD. */
const builtIn = (group: string) => !group.includes('.') || (group.endsWith('.k8s.io') && group !== 'gateway.networking.k8s.io' && !group.endsWith('.x-k8s.io'));

/** The CRDs the preset's custom resources need, by group: `{ group, operator, crds }`, in order of first use. */
export function customResourceCrds(objects: readonly Rendered[]): { group: string; operator: string; crds: string[] }[] {
  const groups = new Map<string, Set<string>>();
  for (const o of objects) {
    const group = groupOf(o);
    if (builtIn(group) || o.kind === undefined) continue;
    if (!groups.has(group)) groups.set(group, new Set());
    groups.get(group)!.add(`${pluralOf(o.kind)}.${group}`);
  }
  return [...groups].map(([group, crds]) => ({ group, operator: OPERATORS[group] ?? `the CRDs of ${group}`, crds: [...crds] }));
}
