import fc from 'fast-check';
import { conflict, invalid, MAX_SHOWN_LENGTH, show, ValidationError } from '../../src/config/errors';

describe('show', () => {
  test('strings are quoted, other values are JSON', () => {
    expect(show('a"b')).toBe('"a\\"b"');
    expect(show(3)).toBe('3');
    expect(show({ a: [1, null] })).toBe('{"a":[1,null]}');
    expect(show(undefined)).toBe('undefined');
    expect(show(NaN)).toBe('NaN');
    expect(show(-Infinity)).toBe('-Infinity');
  });

  test('values JSON cannot hold are shown, never thrown', () => {
    expect(show(10n)).toBe('10n');
    expect(show(Symbol('x'))).toBe('Symbol(x)');
    expect(show({ n: 1n, s: Symbol('y'), f: function named() {} })).toBe('{"n":"1n","s":"Symbol(y)","f":"[function named]"}');
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    expect(show(loop)).toBe('{"a":1,"self":"[circular]"}');
    const bare = Object.create(null) as Record<string, unknown>;
    bare.k = 'v';
    expect(show(bare)).toBe('{"k":"v"}');
    expect(show({ toJSON: () => { throw new Error('no'); } })).toBe('[object Object]');
  });

  test('long values are cut to MAX_SHOWN_LENGTH characters', () => {
    const text = show('x'.repeat(50000));
    expect(text).toHaveLength(MAX_SHOWN_LENGTH);
    expect(text.endsWith('…')).toBe(true);
    expect(text.startsWith('"xxx')).toBe(true);
  });

  test('any value gives a string of at most MAX_SHOWN_LENGTH characters', () => {
    fc.assert(fc.property(fc.anything({ withBigInt: true, withNullPrototype: true, withMap: true, withSet: true }), (v) => {
      const text = show(v);
      expect(typeof text).toBe('string');
      expect(text.length).toBeLessThanOrEqual(MAX_SHOWN_LENGTH);
    }));
  });
});

describe('messages', () => {
  test('invalid names the option, the value, the rule and the fix', () => {
    const e = invalid('server.baseHref', 'argo', 'it must start and end with "/"', 'use "/argo/"');
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.name).toBe('ValidationError');
    expect(e.message).toBe('server.baseHref "argo" is invalid: it must start and end with "/". Fix: use "/argo/"');
  });

  test('conflict adds the fix', () => {
    expect(conflict('a and b are both set', 'keep one').message).toBe('a and b are both set. Fix: keep one');
  });
});
