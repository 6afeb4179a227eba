import { resolveTtl, singleUnitTtl } from '../../src/config/ttl';

describe('TTL helpers', () => {
  test('singleUnitTtl picks the largest whole unit', () => {
    expect(singleUnitTtl(0)).toBe('0s');
    expect(singleUnitTtl(86_400_000)).toBe('1d');
    expect(singleUnitTtl(5_400_000)).toBe('90m');
    expect(singleUnitTtl(1500)).toBeUndefined();
    expect(singleUnitTtl(-1000)).toBeUndefined();
  });

  test('resolveTtl: undefined stays undefined', () => {
    expect(resolveTtl('x', undefined)).toBeUndefined();
  });
});
