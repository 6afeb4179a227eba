/**
 * What every policy family shares: the finding types, the options, and the helpers that read
 * plain Kubernetes objects. Internal to `src/policy/`; `index.ts` re-exports the public part.
 */

export type FindingLevel = 'error' | 'warning';

export interface Finding {
  readonly level: FindingLevel;
  /** `Kind/namespace/name`; the namespace is empty when metadata.namespace is not set. */
  readonly object: string;
  /** A stable rule id such as `pss/seccomp-profile`. */
  readonly rule: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

export interface CheckOptions {
  /**
   * A YAML parser for the values of `workflow-controller-configmap` (for example `parse` of the
   * `yaml` package). Without one, only the top-level keys of the config are checked.
   * @default - JSON values are parsed, other values are checked by their top-level keys only
   */
  readonly parseYaml?: (text: string) => unknown;
}

/** A plain object as a YAML or JSON parser returns it. */
export type Obj = Record<string, any>;

/** Records one finding on the object a check is looking at. */
export type Report = (level: FindingLevel, rule: string, message: string) => void;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
export const q = (v: unknown) => JSON.stringify(v);

/** `Kind/namespace/name` of an object. */
export function objectRef(obj: unknown): string {
  const o = isObj(obj) ? obj : {};
  const m = isObj(o.metadata) ? o.metadata : {};
  return `${o.kind ?? '?'}/${m.namespace ?? ''}/${m.name ?? '?'}`;
}

/** A reporter that adds findings on `obj` to `findings`. */
export function reporterFor(findings: Finding[], obj: Obj): Report {
  const object = objectRef(obj);
  return (level, rule, message) => findings.push({ level, object, rule, message });
}

/** The pod spec inside a workload, or undefined for other kinds. */
export function podSpecOf(obj: Obj): Obj | undefined {
  let spec: unknown;
  switch (obj.kind) {
    case 'Pod': spec = obj.spec; break;
    case 'Deployment': case 'StatefulSet': case 'DaemonSet': case 'ReplicaSet': case 'Job': spec = obj.spec?.template?.spec; break;
    case 'CronJob': spec = obj.spec?.jobTemplate?.spec?.template?.spec; break;
    default: return undefined;
  }
  return isObj(spec) ? spec : {};
}

/** A container of a pod, with the words that name it in messages. */
export interface NamedContainer {
  readonly c: Obj;
  /** `container "web"`, `init container "init"` or `ephemeral container "debug"`. */
  readonly where: string;
  /** Whether it runs for the pod's whole life (so it needs requests and limits). */
  readonly longRunning: boolean;
}

/** Every container of a pod: init containers, then containers, then ephemeral containers. */
export function containersOf(pod: Obj): NamedContainer[] {
  const out: NamedContainer[] = [];
  for (const c of list(pod.initContainers).filter(isObj)) {
    // A native sidecar (restartPolicy Always) runs for the pod's whole life, like a container.
    out.push({ c, where: `init container ${q(c.name)}`, longRunning: c.restartPolicy === 'Always' });
  }
  for (const c of list(pod.containers).filter(isObj)) out.push({ c, where: `container ${q(c.name)}`, longRunning: true });
  for (const c of list(pod.ephemeralContainers).filter(isObj)) out.push({ c, where: `ephemeral container ${q(c.name)}`, longRunning: false });
  return out;
}
