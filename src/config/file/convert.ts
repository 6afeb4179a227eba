/**
 * Options as plain data (what an options file holds) → `ArgoWorkflowsProps`. The data's shape is
 * `ArgoWorkflowsProps` itself; only the options that take a class (`VARIANT_OPTIONS`) are written in
 * a plain form (`variants.ts`) and turned into instances here. Everything else is passed on as it
 * is, for the same run-time rules as any other caller (`resolveArgoWorkflows`). Pure: no I/O.
 */
import { isPlainObject, nearMiss } from '../check';
import { conflict, invalid } from '../errors';
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
function formArgument(name: VariantName, key: string, form: VariantForm, value: unknown, at: string): unknown {
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
    if (options[field] !== undefined) options = { ...options, [field]: convertVariant(inner, options[field], keyPath(at, field)) };
  }
  return options;
}

/** One option that takes a class: its plain form → the instance. */
export function convertVariant(name: VariantName, value: unknown, path: string): unknown {
  if (writtenAsName(name)) return convertName(name, value, path);
  const key = formKey(name, value, path);
  const form = formsOf(name)[key];
  const argument = formArgument(name, key, form, (value as Record<string, unknown>)[key], keyPath(path, key));
  return (form.make as (v: unknown, p: string) => unknown)(argument, path);
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
  if (!isDataObject(data)) {
    throw invalid('options', Array.isArray(data) ? '<list>' : data, 'the options are one mapping of option names to values (ArgoWorkflowsProps)',
      'write the options as a mapping, e.g. "namespace: argo"');
  }
  const problems = new Problems();
  let result: unknown = data;
  for (const [pattern, name] of Object.entries(VARIANT_OPTIONS)) {
    result = applyAt(result, pathSteps(pattern), '', (v, path) => problems.attempt(() => convertVariant(name, v, path), v));
  }
  problems.throwIfAny();
  return result as ArgoWorkflowsProps;
}
