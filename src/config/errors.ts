/**
 * The one error type of argo-stack. Every message names the option, shows the bad value, says what
 * is allowed and how to fix it:
 *
 *   server.baseHref "argo" is invalid: it must start and end with "/". Fix: use "/argo/".
 */
export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** Renders a value for a message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}

/**
 * Builds the standard message: `<option> <value> is invalid: <rule>. Fix: <fix>`.
 * `rule` says what is allowed; `fix` says what to do.
 */
export function invalid(option: string, value: unknown, rule: string, fix: string): ValidationError {
  return new ValidationError(`${option} ${show(value)} is invalid: ${rule}. Fix: ${fix}`);
}

/** A rule that involves more than one option (no single bad value to show). */
export function conflict(message: string, fix: string): ValidationError {
  return new ValidationError(`${message}. Fix: ${fix}`);
}
