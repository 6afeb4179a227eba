/**
 * What happened to one fuzz case, whether that is what the rules want, and the tally of a run:
 * counts per mutation kind and the distinct failures, as a readable to-do list.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ValidationError } from '../../src/config/errors';

/** The longest message a user should have to read. */
export const MAX_MESSAGE_LENGTH = 2000;

export type Outcome =
  | { readonly type: 'accepted' }
  | { readonly type: 'validation'; readonly message: string }
  | { readonly type: 'raw'; readonly name: string; readonly message: string };

/** Runs `fn` and says how it ended. */
export function attempt(fn: () => unknown): Outcome {
  try {
    fn();
    return { type: 'accepted' };
  } catch (e) {
    if (e instanceof ValidationError) return { type: 'validation', message: e.message };
    if (e instanceof Error) return { type: 'raw', name: e.constructor.name, message: e.message };
    return { type: 'raw', name: `thrown ${typeof e}`, message: safeString(e) };
  }
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `message` names `option` as a whole path (not inside a longer name). */
export function names(message: string, option: string): boolean {
  return new RegExp(`(^|[^\\w.\\]\\-"])${escape(option)}(?![\\w-])`).test(message);
}

/**
 * Why an outcome breaks the rules, or undefined when it keeps them.
 * @param paths the paths a ValidationError may name (the option, its parents, and for anything other options)
 * @param mayAccept whether the input may be valid
 */
export function verdict(outcome: Outcome, paths: readonly string[], mayAccept: boolean): string | undefined {
  switch (outcome.type) {
    case 'accepted': return mayAccept ? undefined : 'accepted silently';
    case 'raw': return `raw ${outcome.name}: ${normalise(outcome.message)}`;
    case 'validation':
      if (outcome.message.length > MAX_MESSAGE_LENGTH) return `message of ${outcome.message.length} characters`;
      return paths.some((p) => names(outcome.message, p)) ? undefined : 'ValidationError that does not name the path';
  }
}

/** A raw error's message with its varying parts blurred, so one bug is one finding. */
function normalise(message: string): string {
  return message.replace(/\s+/g, ' ').replace(/\d+/g, '#').slice(0, 90);
}

export interface Failure {
  /** The option path with `[]` for list items and `{}` for map entries. */
  readonly path: string;
  readonly mutation: string;
  readonly outcome: string;
  count: number;
  /** The first case seen: its base, concrete path and what came out. */
  readonly example: string;
}

export interface Tally {
  cases: number;
  accepted: number;
  validation: number;
  raw: number;
  failed: number;
  /** ValidationErrors that name only a parent of the option (allowed for wrong types and anything). */
  parentOnly: number;
  /** ValidationErrors that name another option the base sets, not this one (allowed for anything). */
  otherOption: number;
}

/** The cases of one mutation kind and their distinct failures. */
export class Findings {
  readonly tally: Tally = { cases: 0, accepted: 0, validation: 0, raw: 0, failed: 0, parentOnly: 0, otherOption: 0 };
  private readonly failures = new Map<string, Failure>();

  constructor(readonly kind: string) {}

  /** Counts one case; records it when `problem` is set. */
  record(c: { base: string; path: string; generalPath: string; mutation: string }, outcome: Outcome, problem: string | undefined): void {
    this.tally.cases++;
    this.tally[outcome.type]++;
    if (problem === undefined) return;
    this.tally.failed++;
    const id = `${c.generalPath}\u0000${c.mutation}\u0000${problem}`;
    const known = this.failures.get(id);
    if (known) {
      known.count++;
      return;
    }
    const said = outcome.type === 'accepted' ? 'accepted' : `${outcome.type === 'raw' ? outcome.name : 'ValidationError'}: ${outcome.message.slice(0, 200)}`;
    this.failures.set(id, { path: c.generalPath, mutation: c.mutation, outcome: problem, count: 1, example: `${c.base}: ${c.path} → ${said}` });
  }

  /** Distinct failures, by path then mutation. */
  list(): Failure[] {
    return [...this.failures.values()].sort((a, b) => a.path.localeCompare(b.path) || a.mutation.localeCompare(b.mutation) || a.outcome.localeCompare(b.outcome));
  }

  summary(): string {
    const t = this.tally;
    const silent = this.list().filter((f) => f.outcome === 'accepted silently').reduce((n, f) => n + f.count, 0);
    return `${this.kind}: ${t.cases} cases, ${t.accepted} accepted (${silent} silently, wrongly), ${t.validation} ValidationError (${t.parentOnly} naming only a parent, ${t.otherOption} only another option), ${t.raw} raw errors; ${t.failed} failing cases, ${this.failures.size} distinct`;
  }

  /** The summary and the first `limit` distinct failures, one line each. */
  report(header: string, limit = 30): string {
    const all = this.list();
    const lines = all.slice(0, limit).map((f, i) => `${String(i + 1).padStart(2)}. ${f.path} | ${f.mutation} | ${f.outcome} | ×${f.count}\n      e.g. ${f.example.replace(/\s+/g, ' ').slice(0, 300)}`);
    const more = all.length > limit ? [`… and ${all.length - limit} more distinct failures (set FUZZ_REPORT=<dir> for all of them)`] : [];
    return [header, this.summary(), ...lines, ...more].join('\n');
  }

  /** Writes the tally and every distinct failure to `<FUZZ_REPORT>/<kind>.json` when FUZZ_REPORT is set. */
  save(run: object): void {
    const dir = process.env.FUZZ_REPORT;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${this.kind.replace(/[^a-z0-9]+/gi, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify({ kind: this.kind, run, tally: this.tally, failures: this.list() }, null, 1));
  }
}
