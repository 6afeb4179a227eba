/**
 * What every command of the `argo-stack` CLI shares: its I/O, its exit codes and how errors print.
 */
import type { CommandSpec, Parsed } from './args';

/** Where a command writes. Tests pass their own. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The exit codes of every command. */
export const EXIT = {
  /** Done; for `diff`, every change is safe to apply. */
  OK: 0,
  /** Invalid input, problems found (validation, lint errors), a usage mistake or any other failure. */
  FAILED: 1,
  /** `diff` only: changes `kubectl apply` cannot make, or that can lose data. */
  UNSAFE: 2,
} as const;

/** One command: its arguments and what it does with them; returns the exit code. */
export interface Command {
  readonly spec: CommandSpec;
  readonly run: (args: Parsed, io: Io) => number;
}

/** The text of anything thrown, as a message. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
