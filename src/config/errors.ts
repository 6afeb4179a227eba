/**
 * The one error type of argo-stack. Every message names the option, shows the bad value, says what
 * is allowed and how to fix it:
 *
 *   server.baseHref "argo" is invalid: it must start and end with "/". Fix: use "/argo/".
 */
export class ValidationError extends Error {
  /** Each problem on its own, in the standard format (one entry unless several options are wrong). */
  public readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = [message]) {
    super(message);
    this.name = 'ValidationError';
    this.problems = problems;
  }

  /** One error for several problems: the message lists each on its own line; one problem stays as it is. */
  static of(errors: readonly ValidationError[]): ValidationError {
    // The same problem found twice (the user's config, then the merged one) is listed once.
    const problems = [...new Set(errors.flatMap((e) => e.problems))];
    if (problems.length === 1) return errors.find((e) => e.problems.length === 1) ?? new ValidationError(problems[0]);
    // The message stays readable: the first few problems, each cut to a line; `problems` has them all.
    const shown = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `  ${p.length > MAX_LISTED_LENGTH ? `${p.slice(0, MAX_LISTED_LENGTH - 1)}…` : p}`);
    const more = problems.length > MAX_LISTED_PROBLEMS ? [`  … and ${problems.length - MAX_LISTED_PROBLEMS} more (all of them are in the error's problems)`] : [];
    return new ValidationError(`${problems.length} options are invalid:\n${[...shown, ...more].join('\n')}`, problems);
  }
}

/** How many problems one aggregated message lists, and how long each line may be. */
export const MAX_LISTED_PROBLEMS = 5;
export const MAX_LISTED_LENGTH = 350;

/** The longest rendering of a value in a message; longer ones are cut with "…". */
export const MAX_SHOWN_LENGTH = 1000;

/** JSON with the values JSON cannot hold made readable: BigInt, Symbol, functions, cycles. */
function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'symbol') return v.toString();
    if (typeof v === 'function') return `[function ${v.name || 'anonymous'}]`;
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
    }
    return v;
  });
  return text === undefined ? String(value) : text;
}

/**
 * Renders a value for a message: strings quoted, everything else as JSON. Never throws, whatever
 * the value (BigInt, Symbol, circular, null-prototype), and cuts it to MAX_SHOWN_LENGTH characters.
 */
export function show(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'undefined';
  else if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'symbol') text = value.toString();
  else {
    try {
      text = safeJson(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > MAX_SHOWN_LENGTH ? `${text.slice(0, MAX_SHOWN_LENGTH - 1)}…` : text;
}

/** A value as text for a suggested fix: strings as they are, numbers and booleans written out, anything else empty. */
export function hintText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
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
