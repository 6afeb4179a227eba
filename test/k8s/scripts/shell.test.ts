/** Shell words for the Jobs' scripts: what sh reads back is exactly the text given. */
import { spawnSync } from 'node:child_process';
import { jsonObjectParts, shellQuote, shellWord } from '../../../src/k8s/scripts/shell';

/** What `sh` prints for `printf '%s' <word>`, with `env` as its environment. */
function printed(word: string, env: Record<string, string> = {}): string {
  const r = spawnSync('sh', ['-c', `printf '%s' ${word}`], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

const TRICKY = ['', 'plain', "a'b", "''", `"double" \\ back`, '$HOME ${HOME} `id` $(id)', '*?[a] ~ # ; & | < >', ' lead  trail ', 'line\nbreak\ttab', 'ü €'];

describe('shellQuote', () => {
  test('single quotes, a \' written as \'\\\'\'', () => {
    expect(shellQuote('abc')).toBe(`'abc'`);
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
    expect(shellQuote('')).toBe(`''`);
  });

  test.each(TRICKY)('sh reads back %j exactly', (text) => {
    expect(printed(shellQuote(text))).toBe(text);
  });
});

describe('shellWord', () => {
  test('adjacent literals are merged into one quoted piece; variables are double-quoted', () => {
    expect(shellWord(['a', 'b', { variable: 'x' }, "c'd"])).toBe(`'ab'"$x"'c'\\''d'`);
    expect(shellWord([{ variable: 'x' }, { variable: 'y' }])).toBe('"$x""$y"');
  });

  test('sh expands the variables once, without splitting or globbing', () => {
    const word = shellWord(['<', { variable: 'x' }, "|'", { variable: 'y' }, '>']);
    expect(printed(word, { x: '1  2 * $HOME', y: "it's" })).toBe("<1  2 * $HOME|'it's>");
  });
});

describe('jsonObjectParts', () => {
  test('literal JSON values as given, variables inside JSON strings', () => {
    expect(jsonObjectParts([['a', '"lit"'], ['b', { variable: 'x' }]])).toEqual(['{', '"a":', '"lit"', ',"b":', '"', { variable: 'x' }, '"', '}']);
    expect(jsonObjectParts([])).toEqual(['{', '}']);
  });

  test('through sh, the word is the JSON object', () => {
    const word = shellWord(jsonObjectParts([['user', JSON.stringify(`o'brien "x"`)], ['password', { variable: 'p' }]]));
    expect(JSON.parse(printed(word, { p: 'Abc123' }))).toEqual({ user: `o'brien "x"`, password: 'Abc123' });
  });
});
