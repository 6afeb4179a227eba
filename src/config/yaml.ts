/**
 * One YAML document from JSON data, written exactly as the `yaml` package writes it with
 * `stringify(value, { lineWidth: 0 })`: two-space indents, block collections, `[]` and `{}` for
 * empty ones, plain scalars where they read back as the same string, else double quotes (single
 * quotes when the text holds `"` but no `'`), literal block scalars (`|`, `|-`, `|+`) for
 * multi-line text. A property test holds it to the `yaml` package on random documents.
 *
 * The input is a tree of JSON values (plain objects, arrays, strings, numbers, booleans, null), as
 * `chart.toJson()` gives: object members that are `undefined` are left out and array items that are
 * `undefined` are written as `null`, as JSON does. An object that appears twice in one document is
 * written twice (`yaml` would write an anchor and an alias; `chart.toJson()` never shares objects).
 * Writing this here rather than through `yaml` keeps rendering cheap: `yaml` builds a node tree of
 * every document first.
 */

const STEP = '  ';

/** Characters `yaml` writes only inside double quotes: C0/C1 controls and lone surrogates. */
const NEEDS_DOUBLE_QUOTES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** Text that cannot be a plain scalar: an indicator first, `: ` or ` #` inside, space or `:` last, … */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** A line that a YAML 1.1 reader takes for a directive or a document start or end. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
/** Plain text the YAML 1.2 core schema reads as null, a boolean, an integer or a float. */
const NOT_A_STRING = new RegExp([
  '^(?:~|[Nn]ull|NULL)?$',
  '^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$',
  '^0o[0-7]+$',
  '^[-+]?[0-9]+$',
  '^0x[0-9a-fA-F]+$',
  '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$',
  '^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+$',
  '^[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)$',
].join('|'));
/**
 * Plain text a YAML 1.1 reader takes for a boolean, an integer, a float or a timestamp although
 * YAML 1.2 reads it as a string: kubectl and Argo read YAML with go-yaml (1.1 rules), so a label
 * value `yes` or `on` must be quoted or it arrives as a boolean and the object is refused.
 */
export const YAML_1_1_NOT_A_STRING = new RegExp([
  '^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$',
  '^[-+]?0b[01_]+$',
  '^[-+]?0[0-7_]+$',
  '^[-+]?(?:0|[1-9][0-9_]*)$',
  '^[-+]?0x[0-9a-fA-F_]+$',
  '^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$',
  '^[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*(?:[eE][-+][0-9]+)?$',
  '^[-+]?(?:[0-9][0-9_]*)?(?:\\.[0-9_]*)?[eE][-+]?[0-9]+$',
  '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt ])',
].join('|'));
/** Shorter double-quoted values keep `\n` escapes instead of line breaks. */
const MIN_MULTILINE_DOUBLE_QUOTED = 40;
/** Longer keys are written as explicit `? key` entries. */
const MAX_IMPLICIT_KEY = 1024;
/** Line breaks inside a block scalar's trailing part that need the indent after them. */
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;
/** Escapes of JSON that YAML writes shorter. */
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '0000': '\\0', '0007': '\\a', '000b': '\\v', '001b': '\\e', '0085': '\\N', '00a0': '\\_', '2028': '\\L', '2029': '\\P',
};

/** The document text for `value`, ending in a line break; `sortKeys` writes every map's keys in order. */
export function yamlDocument(value: unknown, options: { sortKeys?: boolean } = {}): string {
  return `${node(value, '', false, options.sortKeys === true)}\n`;
}

function node(value: unknown, indent: string, implicitKey: boolean, sort: boolean): string {
  switch (typeof value) {
    case 'string': return scalar(value, indent, implicitKey);
    case 'number': return number(value);
    case 'boolean': return value ? 'true' : 'false';
    case 'bigint': return String(value);
    case 'undefined': return 'null';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? sequence(value, indent, sort) : mapping(value as Record<string, unknown>, indent, sort);
    default: throw new TypeError(`cannot write a ${typeof value} as YAML`);
  }
}

function number(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '.nan' : value < 0 ? '-.inf' : '.inf';
  return Object.is(value, -0) ? '-0' : String(value);
}

function sequence(items: readonly unknown[], indent: string, sort: boolean): string {
  if (items.length === 0) return '[]';
  const inner = indent + STEP;
  let out = `- ${node(items[0], inner, false, sort)}`;
  for (let i = 1; i < items.length; i++) out += `\n${indent}- ${node(items[i], inner, false, sort)}`;
  return out;
}

/** Keys in string order (as `yaml`'s `sortMapEntries`; JavaScript itself lists integer-like keys first). */
const inOrder = (keys: string[]): string[] => keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function mapping(map: Record<string, unknown>, indent: string, sort: boolean): string {
  const inner = indent + STEP;
  let out = '';
  for (const key of sort ? inOrder(Object.keys(map)) : Object.keys(map)) {
    const value = map[key];
    if (value === undefined) continue;
    const k = scalar(key, inner, true);
    const explicit = k.length > MAX_IMPLICIT_KEY;
    const v = node(value, inner, false, sort);
    const nested = !explicit && typeof value === 'object' && value !== null && v !== '[]' && v !== '{}';
    const pair = `${explicit ? `? ${k}\n${indent}:` : `${k}:`}${nested ? `\n${inner}` : ' '}${v}`;
    out += out ? `\n${indent}${pair}` : pair;
  }
  return out || '{}';
}

/** A string: plain when it reads back as the same string, else quoted or a block scalar. */
function scalar(value: string, indent: string, implicitKey: boolean): string {
  if (NEEDS_DOUBLE_QUOTES.test(value)) return doubleQuoted(value, indent, implicitKey);
  const multiline = value.includes('\n');
  if (implicitKey && multiline) return quoted(value, indent, implicitKey);
  if (NOT_PLAIN.test(value)) return implicitKey || !multiline ? quoted(value, indent, implicitKey) : block(value, indent, false);
  if (!implicitKey && multiline) return block(value, indent, false);
  if (DOCUMENT_MARKER.test(value)) {
    if (indent === '') return block(value, indent, true);
    if (implicitKey && indent === STEP) return quoted(value, indent, implicitKey);
  }
  return NOT_A_STRING.test(value) || YAML_1_1_NOT_A_STRING.test(value) ? quoted(value, indent, implicitKey) : value;
}

function quoted(value: string, indent: string, implicitKey: boolean): string {
  return value.includes('"') && !value.includes("'") ? singleQuoted(value, indent, implicitKey) : doubleQuoted(value, indent, implicitKey);
}

function singleQuoted(value: string, indent: string, implicitKey: boolean): string {
  if ((implicitKey && value.includes('\n')) || /[ \t]\n|\n[ \t]/.test(value)) return doubleQuoted(value, indent, implicitKey);
  const lineIndent = indent || (DOCUMENT_MARKER.test(value) ? STEP : '');
  return `'${value.replace(/'/g, "''").replace(/\n+/g, `$&\n${lineIndent}`)}'`;
}

/** JSON's escapes with YAML's short forms; outside keys, long text keeps its line breaks. */
function doubleQuoted(value: string, indent: string, implicitKey: boolean): string {
  const json = JSON.stringify(value);
  const lineIndent = indent || (DOCUMENT_MARKER.test(value) ? STEP : '');
  let out = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      out += `${json.slice(start, i)}\\ `;
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch !== '\\') continue;
    const next = json[i + 1];
    if (next === 'u') {
      const code = json.substr(i + 2, 4);
      out += json.slice(start, i) + (SHORT_ESCAPES[code] ?? (code.startsWith('00') ? `\\x${code.slice(2)}` : json.substr(i, 6)));
      i += 5;
      start = i + 1;
    } else if (next === 'n' && !(implicitKey || json[i + 2] === '"' || json.length < MIN_MULTILINE_DOUBLE_QUOTED)) {
      out += `${json.slice(start, i)}\n\n`;
      while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
        out += '\n';
        i += 2;
      }
      out += lineIndent;
      if (json[i + 2] === ' ') out += '\\';
      i += 1;
      start = i + 1;
    } else {
      i += 1;
    }
  }
  return start ? out + json.slice(start) : json;
}

/** A literal block scalar; its header says how trailing line breaks and a leading space read back. */
function block(value: string, indent: string, forceIndent: boolean): string {
  if (/\n[\t ]+$/.test(value)) return quoted(value, indent, false);
  const lineIndent = indent || (forceIndent || DOCUMENT_MARKER.test(value) ? STEP : '');
  if (!value) return '|\n';
  let endStart = value.length;
  while (endStart > 0 && (value[endStart - 1] === '\n' || value[endStart - 1] === '\t' || value[endStart - 1] === ' ')) endStart--;
  let end = value.substring(endStart);
  const endNewline = end.indexOf('\n');
  const chomp = endNewline === -1 ? '-' : value === end || endNewline !== end.length - 1 ? '+' : '';
  let body = value;
  if (end) {
    body = body.slice(0, -end.length);
    if (end.endsWith('\n')) end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${lineIndent}`);
  }
  let startsWithSpace = false;
  let lastLeadingNewline = -1;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === ' ') startsWithSpace = true;
    else if (body[i] === '\n') lastLeadingNewline = i;
    else break;
  }
  let start = body.substring(0, lastLeadingNewline + 1);
  if (start) {
    body = body.substring(start.length);
    start = start.replace(/\n+/g, `$&${lineIndent}`);
  }
  const header = (startsWithSpace ? (lineIndent ? '2' : '1') : '') + chomp;
  return `|${header}\n${lineIndent}${start}${body.replace(/\n+/g, `$&${lineIndent}`)}${end}`;
}
