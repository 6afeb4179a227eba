/**
 * `fromHelm`: values of the argo-helm `argo-workflows` chart → an argo-stack options file (plain
 * data), with every chart value the file sets either carried over or listed with the reason it is
 * not. Pure: it reads the text it is given and returns data; `ValidationError` for what it refuses.
 */
import { isDeepStrictEqual } from 'node:util';
import { LineCounter, parseDocument } from 'yaml';
import { isPlainObject, nearMiss } from '../../config/check';
import { conflict, ValidationError } from '../../config/errors';
import { CHART_DEFAULTS } from './chart-defaults';
import { Conversion, NotCarried } from './context';
import { CHART_MAPPING, CHART_PATHS, CHART_VERSION } from './mapping';
import { referencedSecrets } from './mapping-artifacts';
import { expandChartPaths } from './row';

export type { NotCarried } from './context';
export { CHART_MAPPING, helmMigrationTable } from './mapping';

export interface FromHelmOptions {
  /** The namespace of the Helm release (`helm install -n`): argo-stack's `namespace`. @default - argo-stack's default, "argo" */
  readonly namespace?: string;
  /** The values file's name, for messages. */
  readonly file: string;
}

export interface FromHelmResult {
  /** The argo-stack options, as an options file holds them. */
  readonly options: Record<string, unknown>;
  /** Chart values not carried over, each with the reason. */
  readonly notCarried: NotCarried[];
}

/** The release-name prefix, said once in every conversion. */
export const RELEASE_NAME_NOTE: NotCarried = {
  value: 'the Helm release name',
  reason: 'argo-stack keeps upstream\'s names (workflow-controller, argo-server, workflow-controller-configmap, ...) instead of <release>-...: update scripts and kubectl commands (the README lists the renames)',
};

const TOP_LEVEL = [...new Set(CHART_PATHS.map((p) => p.split('.')[0]))];

function parse(text: string, file: string): Record<string, unknown> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw conflict(`${file} line ${line}, column ${col} is not valid YAML: ${error.message.split('\n')[0]}`, 'correct the YAML at that place');
  }
  const values: unknown = doc.toJS();
  if (values === null || values === undefined) return {};
  if (!isPlainObject(values) || !Object.keys(values).some((k) => TOP_LEVEL.includes(k) || nearMiss(k, TOP_LEVEL) !== undefined)) {
    throw conflict(`${file} is not a values file of the argo-helm argo-workflows chart: its top level ${isPlainObject(values) ? `(${Object.keys(values).slice(0, 5).join(', ')})` : 'is not a map and'} has none of the chart's values (controller, server, artifactRepository, crds, ...)`,
      'give the values file you install the chart with (`helm get values <release> -o yaml` prints it)');
  }
  return values;
}

/** Refuses keys that are no value of the chart (a typo would be dropped by Helm without a word). */
function rejectUnknown(values: Record<string, unknown>, file: string, at = ''): void {
  for (const [key, value] of Object.entries(values)) {
    const path = at ? `${at}.${key}` : key;
    if (CHART_PATHS.some((p) => path === p || path.startsWith(`${p}.`))) continue;
    if (CHART_PATHS.some((p) => p.startsWith(`${path}.`)) && isPlainObject(value)) { rejectUnknown(value, file, path); continue; }
    const siblings = [...new Set(CHART_PATHS.filter((p) => p.startsWith(at ? `${at}.` : '')).map((p) => p.slice(at ? at.length + 1 : 0).split('.')[0]))];
    const close = nearMiss(key, siblings);
    throw conflict(`${file}: ${path} is not a value of the argo-workflows chart ${CHART_VERSION}${close ? ` (did you mean ${at ? `${at}.` : ''}${close}?)` : ''}; Helm would ignore it`,
      close ? `rename it to ${at ? `${at}.` : ''}${close}` : `remove it (values here: ${siblings.join(', ')})`);
  }
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && Object.keys(v).length === 0);

/** The values without empty ones and those equal to the chart's defaults (collected in `defaulted`). */
function prune(value: unknown, path: string, defaulted: string[]): unknown {
  if (path in CHART_DEFAULTS && isDeepStrictEqual(value, CHART_DEFAULTS[path])) { defaulted.push(path); return undefined; }
  if (!isPlainObject(value) || !CHART_PATHS.some((p) => p.startsWith(`${path}.`) || path === '')) return isEmpty(value) ? undefined : value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const kept = prune(v, path ? `${path}.${k}` : k, defaulted);
    if (kept !== undefined) out[k] = kept;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Converts chart values (YAML or JSON text) to argo-stack options. */
export function fromHelm(valuesText: string, options: FromHelmOptions): FromHelmResult {
  const file = options.file;
  const values = parse(valuesText, file);
  rejectUnknown(values, file);
  const defaulted: string[] = [];
  const given = (prune(values, '', defaulted) ?? {}) as Record<string, unknown>;
  const cx = new Conversion(file, given, options.namespace, CHART_DEFAULTS);
  if (options.namespace !== undefined) cx.set('namespace', options.namespace, '--namespace');
  // Rows that document one value of a group share the group's conversion, which runs once.
  const ran = new Set<unknown>();
  for (const row of CHART_MAPPING) {
    const set = expandChartPaths(row.chart).filter((p) => cx.get(p) !== undefined);
    if (set.length === 0) continue;
    if (row.convert && !ran.has(row.convert)) { ran.add(row.convert); row.convert(cx); }
    else if (!row.convert && row.reason) for (const p of set) cx.skip(p, row.reason);
  }
  const secrets = referencedSecrets(cx.options);
  if (secrets.length > 0) cx.set('secrets', secrets, 'artifactRepository');
  const notCarried = [RELEASE_NAME_NOTE, ...cx.notCarried];
  if (defaulted.length > 0) {
    notCarried.push({ value: defaulted.join(', '), reason: 'equal to the chart\'s defaults, so read as unset: argo-stack\'s own defaults apply (Pod Security restricted, HTTPS, the Linux node selector, one replica, ...)' });
  }
  return { options: cx.options, notCarried };
}

export { ValidationError };
