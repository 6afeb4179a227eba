/**
 * Options as plain data (what an options file holds) → `ArgoWorkflowsProps`. The data's shape is
 * `ArgoWorkflowsProps` itself; only the options that take a class (`VARIANT_OPTIONS`) are written in
 * a plain form (`variants.ts`) and turned into instances here. Everything else is passed on as it
 * is, for the same run-time rules as any other caller (`resolveArgoWorkflows`). Pure: no I/O.
 */
import { isPlainObject, nearMiss } from '../check';
import { conflict, invalid, ValidationError } from '../errors';
import type { ArgoWorkflowsProps } from '../options';
import { isDataObject, keyPath } from '../plain-data';
import { Problems } from '../problems';
import { formsOf, VARIANT_OPTIONS, VariantForm, VariantName, writtenAsName } from './variants';

/** One step of a `VARIANT_OPTIONS` path: a key, the items of a list (`[]`) or the values of a map (`{}`). */
type Step = string | '[]' | '{}';

/** `a.b[].c{}` → `['a', 'b', '[]', 'c', '{}']`. */
export function pathSteps(pattern: string): Step[] {
  return pattern.split('.').flatMap((part) => {
    const m = /^([^[{]+)((?:\[\]|\{\})*)$/.exec(part);
    if (!m) throw new Error(`bad option path pattern ${pattern}`);
    return [m[1], ...(m[2].match(/\[\]|\{\}/g) ?? [])];
  });
}

/** The forms of a class, for messages: `selfSigned, fromSecret, certManager, plainText`. */
const formList = (name: VariantName) => Object.keys(formsOf(name)).join(', ');

/** An example of a form's value, for fixes: `{}`, `"..."` or `{ ... }`. */
function exampleOf(form: VariantForm): string {
  return form.takes === 'none' ? '{}' : form.takes === 'string' ? '"..."' : '{ ... }';
}

/** The form a near-miss name points at, for "did you mean". */
function nearForm(name: VariantName, key: string): string | undefined {
  return nearMiss(key, Object.keys(formsOf(name)));
}

/** A class written as its factory's name (`IngressController`): `"nginx"`. */
function convertName(name: VariantName, value: unknown, path: string): unknown {
  const forms = formsOf(name);
  if (typeof value === 'string' && Object.hasOwn(forms, value)) return (forms[value].make as () => unknown)();
  const rule = `it must name a form of ${name}: ${formList(name)}`;
  if (typeof value === 'string') {
    const near = nearForm(name, value);
    throw invalid(path, value, rule, near ? `use "${near}"` : `use one of them, e.g. "${Object.keys(forms)[0]}"`);
  }
  const only = isDataObject(value) ? Object.keys(value) : [];
  const written = only.length === 1 && Object.hasOwn(forms, only[0]) ? only[0] : undefined;
  throw invalid(path, value, `${rule}, written as the name alone`, written ? `write "${written}"` : `write one of them, e.g. "${Object.keys(forms)[0]}"`);
}

/** The one key of a form object, checked against the class's forms. */
function formKey(name: VariantName, value: unknown, path: string): string {
  const forms = formsOf(name);
  const first = Object.keys(forms)[0];
  const shape = `an object with one key naming the form: ${formList(name)}`;
  if (!isDataObject(value)) {
    const near = typeof value === 'string' ? (Object.hasOwn(forms, value) ? value : nearForm(name, value)) : undefined;
    const fix = near ? `write { ${near}: ${exampleOf(forms[near])} }` : `write one of them, e.g. { ${first}: ${exampleOf(forms[first])} }`;
    throw invalid(path, value, `a ${name} is ${shape}`, fix);
  }
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  if (keys.length === 0) throw invalid(path, value, `a ${name} is ${shape}`, `write one of them, e.g. { ${first}: ${exampleOf(forms[first])} }`);
  if (keys.length > 1) {
    throw conflict(`${path} has ${keys.length} keys (${keys.join(', ')}): a ${name} is exactly one of its forms (${formList(name)})`, 'keep one of them');
  }
  const key = keys[0];
  if (!Object.hasOwn(forms, key)) {
    const near = nearForm(name, key);
    throw conflict(`${keyPath(path, key)} is not a form of ${name}; the forms are ${formList(name)}`, near ? `rename it to "${near}"` : `use one of the forms, e.g. { ${first}: ${exampleOf(forms[first])} }`);
  }
  return key;
}

/** The argument of a form, checked against what its factory takes, with its own class fields converted. */
function formArgument(name: VariantName, key: string, form: VariantForm, value: unknown, at: string, converted: ConvertedForm[]): unknown {
  if (form.takes === 'none') {
    if (isDataObject(value) && Object.values(value).every((v) => v === undefined)) return undefined;
    throw invalid(at, value, `${name}.${key}() takes nothing, so its form is { ${key}: {} }`, `write ${key}: {}`);
  }
  if (form.takes === 'string') {
    if (typeof value === 'string') return value;
    throw invalid(at, isPlainObject(value) ? '<object>' : value, `it must be a string, the argument of ${name}.${key}()`, `write ${key}: "..."`);
  }
  if (!isDataObject(value)) throw invalid(at, value, `it must be an object, the options of ${name}.${key}()`, `write ${key}: { ... }`);
  let options: Record<string, unknown> = value;
  for (const [field, inner] of Object.entries(form.variants ?? {})) {
    if (options[field] !== undefined) options = { ...options, [field]: convertVariant(inner, options[field], keyPath(at, field), converted) };
  }
  return options;
}

/** Where a form was converted: the option path of the instance and the form's key (and what it takes). */
export interface ConvertedForm {
  readonly path: string;
  readonly form: string;
  readonly takes: VariantForm['takes'];
}

/**
 * One option that takes a class: its plain form → the instance. `converted` receives each form
 * converted (this one and the ones inside its options), for `filePaths`.
 */
export function convertVariant(name: VariantName, value: unknown, path: string, converted: ConvertedForm[] = []): unknown {
  if (writtenAsName(name)) return convertName(name, value, path);
  const key = formKey(name, value, path);
  const form = formsOf(name)[key];
  converted.push({ path, form: key, takes: form.takes });
  const argument = formArgument(name, key, form, (value as Record<string, unknown>)[key], keyPath(path, key), converted);
  return (form.make as (v: unknown, p: string) => unknown)(argument, path);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A message of the run-time rules with the option paths as the file writes them. The rules name
 * the options of a class's factory under the option itself (`server.exposure.hosts`,
 * `minio.credentials.fixed`); the file has the form's key between (`server.exposure.ingress.hosts`,
 * `minio.credentials.generated.fixed`), and a string argument is the form's value itself
 * (`workloadIdentity.server.awsIrsa`, not `.awsIrsa.roleArn`).
 */
export function filePaths(message: string, converted: readonly ConvertedForm[]): string {
  let text = message;
  for (const { path, form, takes } of [...converted].sort((a, b) => a.path.length - b.path.length)) {
    const at = new RegExp(`(^|[\\s(,"'\`])${escape(path)}\\.(?!${escape(form)}(?![A-Za-z0-9_$]))`, 'g');
    text = text.replace(at, `$1${path}.${form}.`);
    if (takes === 'string') text = text.replace(new RegExp(`(^|[\\s(,"'\`])${escape(path)}\\.${escape(form)}\\.[A-Za-z]+(?![A-Za-z0-9_.$[])`, 'g'), `$1${path}.${form}`);
  }
  return text;
}

/** Applies `convert` at every place `steps` reaches in `value` (a copy along the way; nothing is changed in place). */
function applyAt(value: unknown, steps: readonly Step[], path: string, convert: (v: unknown, path: string) => unknown): unknown {
  if (value === undefined) return value;
  if (steps.length === 0) return convert(value, path);
  const [step, ...rest] = steps;
  if (step === '[]') return Array.isArray(value) ? value.map((v, i) => applyAt(v, rest, `${path}[${i}]`, convert)) : value;
  if (!isDataObject(value)) return value;
  if (step === '{}') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, applyAt(v, rest, `${path}[${JSON.stringify(k)}]`, convert)]));
  return Object.hasOwn(value, step) ? { ...value, [step]: applyAt(value[step], rest, keyPath(path, step), convert) } : value;
}

/**
 * Options as plain data → `ArgoWorkflowsProps`: the plain forms of the options that take a class
 * become instances; nothing else changes. Throws one `ValidationError` listing every form that is
 * wrong (each naming its option path, the forms there are and the fix); the options themselves are
 * checked afterwards by `resolveArgoWorkflows`, like any caller's.
 */
export function optionsFromData(data: unknown): ArgoWorkflowsProps {
  return convertOptions(data).props;
}

/** `optionsFromData`, with the forms it converted (for `filePaths`). */
export function convertOptions(data: unknown): { props: ArgoWorkflowsProps; converted: ConvertedForm[] } {
  if (!isDataObject(data)) {
    throw invalid('options', Array.isArray(data) ? '<list>' : data, 'the options are one mapping of option names to values (ArgoWorkflowsProps)',
      'write the options as a mapping, e.g. "namespace: argo"');
  }
  const problems = new Problems();
  const converted: ConvertedForm[] = [];
  let result: unknown = data;
  for (const [pattern, name] of Object.entries(VARIANT_OPTIONS)) {
    result = applyAt(result, pathSteps(pattern), '', (v, path) => problems.attempt(() => {
      try {
        return convertVariant(name, v, path, converted);
      } catch (e) {
        // A factory that checks its argument at once (WorkloadIdentity, ArtifactRepository) names the paths of the TypeScript API.
        throw e instanceof ValidationError ? ValidationError.of(e.problems.map((p) => new ValidationError(filePaths(p, converted)))) : e;
      }
    }, v));
  }
  problems.throwIfAny();
  return { props: result as ArgoWorkflowsProps, converted };
}
