/** Building shell words for the Jobs' POSIX sh scripts. */

/** A piece of a shell word: literal text (single-quoted) or a variable (double-quoted). */
export type ShellPart = string | { readonly variable: string };

/** Quotes text for POSIX sh: single quotes, a `'` written as `'\''`. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** One shell word from literal and variable parts: `'{"a":"'"$x"'"}'`. */
export function shellWord(parts: ShellPart[]): string {
  const merged: ShellPart[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
    else merged.push(p);
  }
  return merged.map((p) => (typeof p === 'string' ? shellQuote(p) : `"$${p.variable}"`)).join('');
}

/** `{"k1":<v1>,"k2":<v2>}` as parts; each value is literal JSON or a variable inside a JSON string. */
export function jsonObjectParts(entries: [string, ShellPart][]): ShellPart[] {
  const parts: ShellPart[] = ['{'];
  entries.forEach(([key, value], i) => {
    parts.push(`${i ? ',' : ''}${JSON.stringify(key)}:`);
    if (typeof value === 'string') parts.push(value);
    else parts.push('"', value, '"');
  });
  parts.push('}');
  return parts;
}
