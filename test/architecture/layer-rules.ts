/**
 * Who may import whom: rules over the records of `imports.ts`, and the findings they produce.
 */
import { isBuiltin } from 'node:module';
import { isRelative, type ImportRecord } from './imports';

/** A type-only import that a rule lets through: these names, from this package, erased at compile time. */
export interface TypeOnlyAllowance {
  readonly module: string;
  readonly names: readonly string[];
}

export interface LayerRule {
  /** The rule in words, quoted in every finding it produces. */
  readonly name: string;
  /** The files the rule applies to: a repository-relative folder (`src/config`). */
  readonly files: string;
  /** Folders inside `files` the rule does not apply to (`src/cloud` for a rule over `src`). */
  readonly except?: readonly string[];
  /** Packages the files may not import: a name (its subpaths included) or a `prefix*` pattern. */
  readonly forbiddenPackages?: readonly string[];
  /** When set, the Node built-ins the files may import (`net` covers `node:net`); any other is forbidden. */
  readonly allowedBuiltins?: readonly string[];
  /** Repository-relative folders that relative imports may not reach. */
  readonly forbiddenPaths?: readonly string[];
  /** When set, relative imports must stay inside one of these repository-relative folders. */
  readonly allowedPaths?: readonly string[];
  /** Type-only imports from a forbidden package that the rule accepts. */
  readonly typeOnlyAllowances?: readonly TypeOnlyAllowance[];
}

export interface LayerFinding {
  readonly rule: string;
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  /** The file a relative import resolves to. */
  readonly target?: string;
}

/** A finding accepted for now: the importing file and the specifier as written, with the reason. */
export interface AllowedFinding {
  readonly file: string;
  readonly specifier: string;
  readonly reason: string;
}

/** True when `file` is `folder` itself or inside it. */
export function inFolder(file: string, folder: string): boolean {
  const f = folder.replace(/\/+$/, '');
  return file === f || file.startsWith(`${f}/`);
}

/** `cdk8s` matches `cdk8s` and `cdk8s/lib/x`; `cdk8s-plus-*` and `@pulumi/*` match by prefix. */
export function matchesPackage(specifier: string, pattern: string): boolean {
  if (pattern.endsWith('*')) return specifier.startsWith(pattern.slice(0, -1));
  return specifier === pattern || specifier.startsWith(`${pattern}/`);
}

/** `node:fs/promises` → `fs`. */
export function builtinRoot(specifier: string): string {
  return specifier.replace(/^node:/, '').split('/')[0];
}

function allowedAsType(record: ImportRecord, rule: LayerRule): boolean {
  if (!record.typeOnly || record.names.length === 0) return false;
  return (rule.typeOnlyAllowances ?? []).some((a) =>
    matchesPackage(record.specifier, a.module) && record.names.every((n) => a.names.includes(n)));
}

function breaksPathRule(target: string, rule: LayerRule): boolean {
  if ((rule.forbiddenPaths ?? []).some((p) => inFolder(target, p))) return true;
  return rule.allowedPaths !== undefined && !rule.allowedPaths.some((p) => inFolder(target, p));
}

function breaksPackageRule(record: ImportRecord, rule: LayerRule): boolean {
  const spec = record.specifier;
  if (isBuiltin(spec)) return rule.allowedBuiltins !== undefined && !rule.allowedBuiltins.includes(builtinRoot(spec));
  return (rule.forbiddenPackages ?? []).some((p) => matchesPackage(spec, p)) && !allowedAsType(record, rule);
}

/** Every (import, rule) pair where the import breaks the rule, in file and line order. */
export function checkLayers(records: readonly ImportRecord[], rules: readonly LayerRule[]): LayerFinding[] {
  const findings: LayerFinding[] = [];
  for (const record of records) {
    for (const rule of rules) {
      if (!inFolder(record.file, rule.files) || (rule.except ?? []).some((f) => inFolder(record.file, f))) continue;
      const broken = isRelative(record.specifier)
        ? record.target !== undefined && breaksPathRule(record.target, rule)
        : breaksPackageRule(record, rule);
      if (broken) findings.push({ rule: rule.name, file: record.file, line: record.line, specifier: record.specifier, target: record.target });
    }
  }
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
}

/** Splits findings into those still to fix and allowlist entries that no longer match any finding. */
export function applyAllowlist(findings: readonly LayerFinding[], allowlist: readonly AllowedFinding[]): {
  remaining: LayerFinding[];
  stale: AllowedFinding[];
} {
  const matches = (f: LayerFinding, a: AllowedFinding): boolean => f.file === a.file && f.specifier === a.specifier;
  return {
    remaining: findings.filter((f) => !allowlist.some((a) => matches(f, a))),
    stale: allowlist.filter((a) => !findings.some((f) => matches(f, a))),
  };
}

/** `src/k8s/x.ts:3 imports '../cli/y' (src/cli/y.ts): k8s/ may import only config/ and k8s/` */
export function formatFinding(f: LayerFinding): string {
  const target = f.target !== undefined ? ` (${f.target})` : '';
  return `${f.file}:${f.line} imports '${f.specifier}'${target}: ${f.rule}`;
}
