import { parse } from 'yaml';
import { ValidationError } from '../errors';
import { yamlDocument } from '../yaml';

/**
 * Argo parses with go-yaml (YAML 1.1), where `yes`, `no`, `on` and `off` are booleans: the writer
 * quotes such strings. Keys are sorted, so the same config always gives the same text.
 */
const stringify = (value: unknown): string => yamlDocument(value, { sortKeys: true });

/** Drops `undefined` (recursively) so that omitted options are not rendered. */
export function prune<T>(value: T): T {
  if (Array.isArray(value)) return value.map(prune) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = prune(v);
    return out as T;
  }
  return value;
}

/**
 * Renders a controller config as `workflow-controller-configmap` data: one data key per top-level
 * key (as upstream's manifests do, so `kubectl edit` shows each setting on its own), every value a
 * string. Objects and lists become block YAML; scalars become one YAML scalar (`"10"` stays a string).
 */
export function renderConfigMapData(config: object): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(prune(config)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // Argo inlines a one-line value as `key: value`. That is right for scalars, `{}` and `[]`, but a
    // non-empty object or list must stay multi-line (`secure: false\n`), or `metricsConfig: secure: false`
    // would be invalid YAML and the controller would exit.
    const text = stringify(value);
    const block = typeof value === 'object' && value !== null && Object.keys(value).length > 0;
    data[key] = block ? text : text.replace(/\n$/, '');
  }
  return data;
}

/** Renders any value as block YAML with sorted keys (for `artifact-repositories` entries). */
export function renderYaml(value: unknown): string {
  return stringify(prune(value));
}

/**
 * Parses configmap data the way Argo's `config/controller.go` does: a lone `config` key holds the
 * whole document; otherwise a value with a newline is indented under its key, and a one-line value
 * is written inline as `key: value`.
 */
export function parseConfigMapData(data: Record<string, string>): Record<string, unknown> {
  const keys = Object.keys(data);
  if (keys.includes('config')) {
    if (keys.length !== 1) {
      const others = keys.filter((k) => k !== 'config').map((k) => JSON.stringify(k)).join(', ');
      throw new ValidationError(`workflow-controller-configmap has a "config" key next to ${others}: Argo requires "config" to be the only key. Fix: move every setting into "config" or drop "config"`);
    }
    return (parse(data.config, { version: '1.1' }) ?? {}) as Record<string, unknown>;
  }
  const lines: string[] = [];
  for (const [k, v] of Object.entries(data)) {
    if (v.includes('\n')) {
      lines.push(`${k}:`);
      for (const line of v.split('\n')) lines.push(`    ${line}`);
    } else {
      lines.push(`${k}: ${v}`);
    }
  }
  return (parse(lines.join('\n'), { uniqueKeys: true, version: '1.1' }) ?? {}) as Record<string, unknown>;
}
