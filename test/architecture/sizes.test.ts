import * as fs from 'node:fs';
import * as path from 'node:path';
import { functionSizes, lineCount, sourceFiles } from './sizes';

const ROOT = path.resolve(__dirname, '..', '..');
/** design.md §1: no source file over ~400 lines, no function over ~60 lines. */
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 60;

describe('the size of each piece of src/', () => {
  const files = sourceFiles(ROOT).map((f) => ({ file: f, text: fs.readFileSync(path.join(ROOT, f), 'utf8') }));

  test('the scan sees the source', () => {
    expect(files.map((f) => f.file)).toContain('src/config/resolve.ts');
  });

  test(`no file is over ${MAX_FILE_LINES} lines`, () => {
    expect(files.filter((f) => lineCount(f.text) > MAX_FILE_LINES).map((f) => `${f.file}: ${lineCount(f.text)} lines`)).toEqual([]);
  });

  test(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = files.flatMap((f) => functionSizes(f.file, f.text)).filter((s) => s.lines > MAX_FUNCTION_LINES);
    expect(long.map((s) => `${s.file}:${s.line} ${s.name}: ${s.lines} lines`)).toEqual([]);
  });
});

describe('functionSizes', () => {
  test('measures declarations, methods, constructors and arrow functions', () => {
    const text = [
      'function a() {', '  return 1;', '}',
      'class K {', '  constructor() {', '    this.m();', '  }', '  m() { return 2; }', '}',
      'const f = () => {', '  return 3;', '};',
    ].join('\n');
    expect(functionSizes('x.ts', text).map((s) => [s.name, s.line, s.lines])).toEqual([
      ['a', 1, 3], ['K.constructor', 5, 3], ['m', 8, 1], ['f', 10, 3],
    ]);
  });

  test('lineCount does not count a final newline as a line', () => {
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a\nb')).toBe(2);
  });
});
