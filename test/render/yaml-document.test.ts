/**
 * yamlDocument(): byte for byte what the `yaml` package writes with `{ lineWidth: 0 }`, except that
 * strings YAML 1.1 reads as other types (`yes`, `on`, `0b1`, `1:30`, ...) are quoted too.
 */
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { PRESETS } from '../../examples';
import { buildApp } from '../../src/cli/synth';
import { chartsOf } from '../../src/render/files';
import { YAML_1_1_NOT_A_STRING, yamlDocument } from '../../src/config/yaml';

const reference = (value: unknown) => stringify(value, { lineWidth: 0 });

/** Whether any key or string of a document is one YAML 1.1 reads as another type (written quoted, unlike `yaml`). */
function hasYaml11Special(value: unknown): boolean {
  if (typeof value === 'string') return YAML_1_1_NOT_A_STRING.test(value);
  if (Array.isArray(value)) return value.some(hasYaml11Special);
  if (typeof value === 'object' && value !== null) return Object.entries(value).some(([k, v]) => YAML_1_1_NOT_A_STRING.test(k) || hasYaml11Special(v));
  return false;
}

/** Characters and pieces with a meaning in YAML, and some that JSON or YAML escape. */
const SPECIAL = [
  ...'\n\t -?:#,[]{}&*!|>\'"%@`~.+_\\/\r',
  ...'0123456789eExXoOabnNtTfFlLrRuUsS',
  '\x00', '\x07', '\x08', '\x0b', '\x0c', '\x1b', '\x7f', '\x85', '\x9f', '\xa0', '\u2028', '\u2029', '\ufeff',
  '\ud800', '\udc00', '\ud83d\ude00', 'é', '---', '...', '%YAML', 'null', 'Null', '~', 'true', 'FALSE', '.inf', '-.Inf',
  '.nan', '0x1F', '0o17', '1e5', '-1.5', '.5', '+12', ': ', ' #', '\n\n', ' \n', '\n ',
];
const special = fc.constantFrom(...SPECIAL);

/** Special pieces padded with "a" to `length` characters in all (JSON-escaped when `json`). */
const padded = (min: number, max: number, json: boolean) => fc.tuple(fc.string({ unit: special, maxLength: 4 }), fc.integer({ min, max }))
  .map(([s, length]) => 'a'.repeat(Math.max(0, length - (json ? JSON.stringify(s).length : s.length))) + s);

/**
 * Short and long strings of special pieces, every Unicode string, whitespace runs, and lengths next
 * to the writer's limits: 40 characters of JSON (multi-line double quotes) and 1,024 of a key.
 */
const text = fc.oneof(
  fc.string({ unit: special, maxLength: 12 }),
  fc.string({ unit: special, minLength: 30, maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('\n', ' ', '\t', 'a', '#', ':', '-'), maxLength: 10 }),
  fc.string({ unit: 'binary' }),
  padded(37, 43, true),
  padded(1020, 1028, false),
);

const scalar = fc.oneof(
  text,
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 1e21, 5e-7, Number.MAX_SAFE_INTEGER, Infinity, -Infinity, NaN),
  fc.boolean(),
  fc.constant(null),
);

const { doc } = fc.letrec((tie) => ({
  doc: fc.oneof({ depthSize: 'small' }, tie('scalar'), tie('list'), tie('map')),
  scalar,
  list: fc.array(tie('doc'), { maxLength: 5 }),
  map: fc.dictionary(text, tie('doc'), { maxKeys: 5 }),
}));

describe('property: the same text as yaml', () => {
  test('random documents: maps, lists, empty ones, scalars of every kind, at every depth', () => {
    fc.assert(fc.property(doc, (value) => {
      fc.pre(!hasYaml11Special(value));
      expect(yamlDocument(value)).toBe(reference(value));
    }), { numRuns: 3000 });
  });

  test('random Kubernetes-like objects: maps at the top with nested maps and lists', () => {
    const obj = fc.dictionary(text, doc, { minKeys: 1, maxKeys: 8 });
    fc.assert(fc.property(obj, (value) => {
      fc.pre(!hasYaml11Special(value));
      expect(yamlDocument(value)).toBe(reference(value));
    }), { numRuns: 1000 });
  });

  test('with sortKeys, what yaml writes as YAML 1.1 with sorted keys (the controller ConfigMap\'s form)', () => {
    const yaml11 = (value: unknown) => stringify(value, { lineWidth: 0, version: '1.1', sortMapEntries: true });
    /** Strings YAML 1.2 reads as octal numbers, which YAML 1.1 writes plain and this writer quotes. */
    const octal12 = (value: unknown): boolean => typeof value === 'string' ? /^0o[0-7]+$/.test(value)
      : typeof value === 'object' && value !== null && Object.entries(value).some(([k, v]) => octal12(k) || octal12(v));
    fc.assert(fc.property(doc, (value) => {
      fc.pre(!octal12(value));
      expect(yamlDocument(value, { sortKeys: true })).toBe(yaml11(value));
    }), { numRuns: 3000 });
  });

  test('every string reads back as the same string under YAML 1.1 and YAML 1.2', () => {
    const yaml11 = fc.constantFrom('yes', 'No', 'on', 'OFF', 'y', 'N', '1:30', '0b101', '0777', '1_000', '0x1_F', '1.', '.5_0', '2001-12-14', '2001-12-14T10:00:00Z', '-12');
    // One-line strings without a byte order mark: a block scalar of a line holding only spaces before
    // empty lines, and a leading U+FEFF, do not read back in either version, with `yaml`'s own writer
    // as with this one.
    const str = fc.oneof(text.filter((t) => !/[\n\r\ufeff]/.test(t)), yaml11);
    const strings = fc.letrec((tie) => ({
      d: fc.oneof({ depthSize: 'small' }, str, fc.array(tie('d'), { maxLength: 4 }), fc.dictionary(str, tie('d'), { maxKeys: 4 })),
    })).d;
    fc.assert(fc.property(strings, (value) => {
      const written = yamlDocument(value);
      expect(parse(written, { version: '1.1' })).toEqual(value);
      expect(parse(written)).toEqual(value);
    }), { numRuns: 2000 });
  });

  test('undefined members are left out, undefined items written as null, as yaml (and JSON) do', () => {
    const value = { a: undefined, b: [undefined, 1], c: { d: undefined } };
    expect(yamlDocument(value)).toBe(reference(value));
    expect(yamlDocument(value)).toBe('b:\n  - null\n  - 1\nc: {}\n');
  });
});

describe('exact text', () => {
  test.each<[string, unknown, string]>([
    ['nested maps and lists', { a: { b: [1, 'x', { c: true }] }, d: [] },
      'a:\n  b:\n    - 1\n    - x\n    - c: true\nd: []\n'],
    ['strings that read as other types are quoted', { nu: 'null', t: 'true', i: '42', f: '1.5', e: '', h: '0x1F' },
      'nu: "null"\nt: "true"\ni: "42"\nf: "1.5"\ne: ""\nh: "0x1F"\n'],
    ['quotes inside plain text stay plain; quoted text takes single quotes when it holds " but no \'', { plain: 'say "hi"', q: '"hi"', both: '\'a\' "b"' },
      'plain: say "hi"\nq: \'"hi"\'\nboth: "\'a\' \\"b\\""\n'],
    ['multi-line text: literal blocks with their chomping', { strip: 'a\nb', clip: 'a\nb\n', keep: 'a\nb\n\n', lead: ' a\nb' },
      'strip: |-\n  a\n  b\nclip: |\n  a\n  b\nkeep: |+\n  a\n  b\n\nlead: |2-\n   a\n  b\n'],
    ['keys that need quotes', { 'a: b': 1, '- x': 2, '#c': 3, '1': 4, 'line\nbreak': 5 },
      '"1": 4\n"a: b": 1\n"- x": 2\n"#c": 3\n"line\\nbreak": 5\n'],
    ['control characters are escaped in double quotes', { c: 'a\x00b\x1bc\x7f' }, 'c: "a\\0b\\ec\x7f"\n'],
    ['numbers', { a: -0, b: 1e21, c: 0.5, d: NaN, e: -Infinity }, 'a: -0\nb: 1e+21\nc: 0.5\nd: .nan\ne: -.inf\n'],
  ])('%s', (_name, value, expected) => {
    expect(yamlDocument(value)).toBe(expected);
    expect(reference(value)).toBe(expected);
  });

  test('strings YAML 1.1 reads as booleans, numbers or timestamps are quoted, so kubectl gets strings', () => {
    expect(yamlDocument({ labels: { enabled: 'yes', mode: 'on', flag: 'n', t: '1:30', b: '0b1', d: '2026-12-01' } }))
      .toBe('labels:\n  enabled: "yes"\n  mode: "on"\n  flag: "n"\n  t: "1:30"\n  b: "0b1"\n  d: "2026-12-01"\n');
  });

  test('a key longer than 1,024 characters is an explicit "? key" entry', () => {
    const key = 'k'.repeat(1025);
    expect(yamlDocument({ [key]: { a: 1 } })).toBe(`? ${key}\n: a: 1\n`);
    expect(reference({ [key]: { a: 1 } })).toBe(`? ${key}\n: a: 1\n`);
  });

  test('values JSON cannot hold are refused', () => {
    expect(() => yamlDocument({ f: () => 1 })).toThrow(new TypeError('cannot write a function as YAML'));
    expect(() => yamlDocument([Symbol('s')])).toThrow(new TypeError('cannot write a symbol as YAML'));
  });
});

test('every object of every preset is written exactly as yaml writes it', () => {
  const objects = chartsOf(buildApp(PRESETS)).flatMap((chart) => chart.toJson());
  expect(objects.length).toBeGreaterThan(100);
  for (const o of objects) expect(yamlDocument(o)).toBe(reference(o));
});
