import { parseImageReference } from '../../src/policy';
import { containerOf, err, findingsAfter } from './fixtures';

describe('checkManifests: images', () => {
  test.each([
    ['example.com/web', 'example.com/web" has no tag, so it floats with "latest"'],
    ['registry.example.com:5000/web', 'registry.example.com:5000/web" has no tag, so it floats with "latest"'],
    ['example.com/web:latest', 'example.com/web:latest" uses the "latest" tag'],
  ])('%s is not pinned', (image, what) => {
    expect(findingsAfter((d) => { containerOf(d).image = image; })).toEqual([
      err('image/pinned', `container "web" image "${what}. Fix: pin a version tag or a sha256 digest`),
    ]);
  });

  test('no image', () => {
    expect(findingsAfter((d) => { delete containerOf(d).image; })).toEqual([
      err('image/pinned', 'container "web" has no image. Fix: set image to a reference with a version tag or a sha256 digest'),
    ]);
  });

  test.each([
    'example.com/web:v1.2.3',
    'registry.example.com:5000/team/web:2024-01-01',
    `example.com/web@sha256:${'a'.repeat(64)}`,
    `example.com/web:latest@sha256:${'b'.repeat(64)}`,
  ])('%s is pinned', (image) => {
    expect(findingsAfter((d) => { containerOf(d).image = image; })).toEqual([]);
  });

  test('parseImageReference', () => {
    expect(parseImageReference('host:5000/a/b:1.0')).toEqual({ tag: '1.0', digest: false });
    expect(parseImageReference('host:5000/a/b')).toEqual({ tag: undefined, digest: false });
    expect(parseImageReference('b@sha256:short')).toEqual({ tag: undefined, digest: false });
  });
});
