/**
 * Command-line arguments, parsed by hand: flags `--name value`, `--name=value`, `-n value`, boolean
 * flags, `--` before positionals that start with "-", and `-h`/`--help` everywhere. Unknown flags,
 * a flag given twice, a missing value and the wrong number of positionals are usage errors with a
 * "did you mean" for near misses.
 */
import { closest } from '../config/check';

/** One flag of a command. */
export interface FlagSpec {
  /** The long name, without dashes: `file` is `--file`. */
  readonly name: string;
  /** One letter: `f` is `-f`. */
  readonly short?: string;
  /** The placeholder of its value (`<options file>`); a flag without one is a switch. */
  readonly value?: string;
  readonly help: string;
}

/** A positional argument of a command. */
export interface PositionalSpec {
  readonly name: string;
  readonly help: string;
}

/** What a command accepts and how its help reads. */
export interface CommandSpec {
  readonly name: string;
  /** One line for the top-level help. */
  readonly summary: string;
  /** The usage line after `argo-stack `: `synth -f <options file> -o <dir>`. */
  readonly usage: string;
  /** Paragraphs after the usage line. */
  readonly description: string;
  readonly positionals: readonly PositionalSpec[];
  readonly flags: readonly FlagSpec[];
  /** Example command lines. */
  readonly examples: readonly string[];
}

/** Parsed arguments: flag values by long name (`true` for switches) and positionals in order. */
export interface Parsed {
  readonly flags: Readonly<Record<string, string | true>>;
  readonly positionals: readonly string[];
  readonly help: boolean;
}

/** A usage mistake: printed with a pointer to the command's help, exit code 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const HELP: FlagSpec = { name: 'help', short: 'h', help: 'Show this help.' };

const dashed = (f: FlagSpec) => `--${f.name}`;

/** The flag an argument names, or a usage error with the closest known flag. */
function flagOf(arg: string, spec: CommandSpec): FlagSpec {
  const flags = [...spec.flags, HELP];
  const name = arg.startsWith('--') ? arg.slice(2) : arg.slice(1);
  const found = arg.startsWith('--') ? flags.find((f) => f.name === name) : flags.find((f) => f.short === name);
  if (found) return found;
  const names = flags.flatMap((f) => [dashed(f), ...(f.short ? [`-${f.short}`] : [])]);
  const near = closest(arg, names);
  throw new UsageError(`unknown option ${JSON.stringify(arg)}${near ? `; did you mean ${JSON.stringify(near)}?` : ''}`);
}

/** Parses `argv` (the arguments after the command name) against `spec`. Throws UsageError. */
export function parseArgs(argv: readonly string[], spec: CommandSpec): Parsed {
  const flags: Record<string, string | true> = {};
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = flagOf(eq > 0 ? arg.slice(0, eq) : arg, spec);
    if (flag === HELP) {
      help = true;
      continue;
    }
    if (Object.hasOwn(flags, flag.name)) throw new UsageError(`option ${dashed(flag)} is given twice; give it once`);
    if (!flag.value) {
      if (eq > 0) throw new UsageError(`option ${dashed(flag)} takes no value`);
      flags[flag.name] = true;
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`option ${dashed(flag)} needs a value: ${dashed(flag)} ${flag.value}`);
    flags[flag.name] = value;
  }
  if (!help) checkPositionals(positionals, spec);
  return { flags, positionals, help };
}

function checkPositionals(positionals: readonly string[], spec: CommandSpec): void {
  const want = spec.positionals;
  if (positionals.length > want.length) {
    const extra = positionals.slice(want.length).map((p) => JSON.stringify(p)).join(', ');
    throw new UsageError(`argo-stack ${spec.name} takes ${want.length ? `${want.length} argument${want.length > 1 ? 's' : ''} (${want.map((p) => p.name).join(' ')})` : 'no arguments'}, got also ${extra}`);
  }
  if (positionals.length < want.length) {
    throw new UsageError(`argo-stack ${spec.name} needs ${want.slice(positionals.length).map((p) => p.name).join(' and ')}: argo-stack ${spec.usage}`);
  }
}

/** A flag's value that must be given. */
export function required(parsed: Parsed, spec: CommandSpec, name: string): string {
  const value = parsed.flags[name];
  const flag = spec.flags.find((f) => f.name === name)!;
  if (typeof value !== 'string') throw new UsageError(`argo-stack ${spec.name} needs ${dashed(flag)} ${flag.value}: argo-stack ${spec.usage}`);
  return value;
}

/** Left column of the help's tables, padded. */
function table(rows: readonly [string, string][]): string {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}\n`).join('');
}

/** The `--help` text of a command. */
export function helpText(spec: CommandSpec): string {
  const flagRows = [...spec.flags, HELP].map((f): [string, string] => [`${f.short ? `-${f.short}, ` : '    '}${dashed(f)}${f.value ? ` ${f.value}` : ''}`, f.help]);
  const parts = [`Usage: argo-stack ${spec.usage}\n`, `${spec.description.trim()}\n`];
  if (spec.positionals.length) parts.push(`Arguments:\n${table(spec.positionals.map((p) => [p.name, p.help]))}`);
  parts.push(`Options:\n${table(flagRows)}`);
  if (spec.examples.length) parts.push(`Examples:\n${spec.examples.map((e) => `  ${e}\n`).join('')}`);
  return parts.join('\n');
}

/** The top-level help's command table. */
export function commandTable(specs: readonly CommandSpec[]): string {
  return table(specs.map((s) => [s.name, s.summary]));
}
