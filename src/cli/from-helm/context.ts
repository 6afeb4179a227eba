/**
 * What a mapping row works with: the chart values as given (without empty values and values equal
 * to the chart's defaults), the options being built, and the list of what is not carried over.
 * Pure: no I/O.
 */
import { isPlainObject } from '../../config/check';
import { conflict, show } from '../../config/errors';

/** One chart value that has no argo-stack option here, with the reason. */
export interface NotCarried {
  /** The chart value's path, e.g. `server.livenessProbe`. */
  readonly value: string;
  readonly reason: string;
}

/** A Helm template expression (`{{ .Release.Name }}`, `{{ include ... }}`); Argo's own `{{workflow.name}}` is not one. */
const HELM_EXPRESSION = /\{\{-?\s*(\.|\$|include\b|tpl\b|printf\b|template\b|default\b|toYaml\b|quote\b)/;

/** Whether `text` holds a Helm template expression. */
export function isHelmExpression(text: unknown): boolean {
  return typeof text === 'string' && HELM_EXPRESSION.test(text);
}

/** The first string inside `value` (at any depth) that holds a Helm template expression, with its path below `value`. */
export function findHelmExpression(value: unknown, at = ''): { path: string; text: string } | undefined {
  if (isHelmExpression(value)) return { path: at, text: value as string };
  const children: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [`${at}[${i}]`, v])
    : isPlainObject(value) ? Object.entries(value).map(([k, v]) => [at ? `${at}.${k}` : k, v]) : [];
  for (const [path, v] of children) {
    const hit = findHelmExpression(v, path);
    if (hit) return hit;
  }
  return undefined;
}

/** The value at a dotted path of a tree of plain objects. */
export function getPath(tree: unknown, path: string): unknown {
  let node: unknown = tree;
  for (const key of path.split('.')) {
    if (!isPlainObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** The mutable state of one conversion. */
export class Conversion {
  /** The argo-stack options built so far. */
  public readonly options: Record<string, unknown> = {};
  public readonly notCarried: NotCarried[] = [];

  /**
   * @param file the values file's name, for messages
   * @param given the chart values without empty and default values
   * @param namespace the release namespace (`--namespace`)
   */
  constructor(
    public readonly file: string, private readonly given: Record<string, unknown>, public readonly namespace: string | undefined,
    private readonly defaults: Readonly<Record<string, unknown>>,
  ) {}

  /** The given value at a chart path, `undefined` when it is unset, empty or the chart's default. */
  public get(path: string): unknown {
    return getPath(this.given, path);
  }

  /** The given value at a chart path, else the chart's default for it (for values that only matter when another is on). */
  public getOrDefault(path: string): unknown {
    return this.get(path) ?? this.defaults[path];
  }

  /** The given value at a chart path when it is a string; other types are refused. */
  public str(path: string): string | undefined {
    const v = this.get(path);
    if (v === undefined || typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw this.wrongType(path, v, 'a string');
  }

  /** The given value at a chart path when it is a boolean (Helm reads "true"/"false" strings too). */
  public bool(path: string): boolean | undefined {
    const v = this.get(path);
    if (v === undefined || typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    throw this.wrongType(path, v, 'true or false');
  }

  /** The given value at a chart path when it is a list. */
  public list(path: string): unknown[] | undefined {
    const v = this.get(path);
    if (v === undefined || Array.isArray(v)) return v;
    throw this.wrongType(path, v, 'a list');
  }

  /** The given value at a chart path when it is a map. */
  public map(path: string): Record<string, unknown> | undefined {
    const v = this.get(path);
    if (v === undefined || isPlainObject(v)) return v;
    throw this.wrongType(path, v, 'a map');
  }

  /** The error for a chart value of the wrong type. */
  public wrongType(path: string, value: unknown, expected: string): Error {
    return conflict(`${this.file}: ${path} ${show(value)} is not ${expected}, as the argo-workflows chart expects`, `write ${path} as ${expected}`);
  }

  /**
   * Sets an option at a dotted path (`server.autoscaling`). Options are literal data: a Helm
   * template expression in the value is refused, naming the chart value it came from.
   */
  public set(option: string, value: unknown, from: string): void {
    const hit = findHelmExpression(value);
    if (hit) {
      const at = hit.path ? `${from}.${hit.path}`.replace(/\.\[/g, '[') : from;
      throw conflict(`${this.file}: ${at} is ${show(hit.text)}, a Helm template expression; argo-stack options are literal values and the expression cannot be evaluated here`,
        'write the value Helm renders for your release, e.g. "argo-workflows-minio" for "{{ .Release.Name }}-minio" in a release named argo-workflows');
    }
    const keys = option.split('.');
    let node = this.options;
    for (const key of keys.slice(0, -1)) {
      if (!isPlainObject(node[key])) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]] = value;
  }

  /** Removes an option set before. */
  public unset(option: string): void {
    const keys = option.split('.');
    const parent = getPath(this.options, keys.slice(0, -1).join('.'));
    if (keys.length === 1) delete this.options[option];
    else if (isPlainObject(parent)) delete parent[keys[keys.length - 1]];
  }

  /** The option at a dotted path, as set so far. */
  public option(option: string): unknown {
    return getPath(this.options, option);
  }

  /** Lists a chart value as not carried over. */
  public skip(value: string, reason: string): void {
    this.notCarried.push({ value, reason });
  }
}
