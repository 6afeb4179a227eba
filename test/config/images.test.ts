import { DEFAULT_ARGO_VERSION, DEFAULT_IMAGE_REGISTRY, resolveImages, validateImageReference, validateVersion } from '../../src/config/images';
import { expectInvalid } from './_helpers';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const VERSION_MSG = (shown: string) =>
  `version ${shown} is invalid: it must be an Argo Workflows v4 release tag like "v4.1.2". Fix: use "v4.1.2", or pin an image by digest with images.controller, images.server, images.executor and images.crdInstaller`;
const IMAGE_RULE = 'an image must be pinned with a version tag (not "latest") or a "@sha256:<64 hex>" digest';
/** The value is a repository without a usable tag: the fix pins that repository. */
const PIN_MSG = (option: string, shown: string, repo: string, tag: string) =>
  `${option} ${shown} is invalid: ${IMAGE_RULE}. Fix: pin it, e.g. "${repo}:${tag}", or "${repo}@sha256:<digest>"`;
/** The value is no image reference at all: the fix shows the option's default. */
const EXAMPLE_MSG = (option: string, shown: string, example: string) =>
  `${option} ${shown} is invalid: ${IMAGE_RULE}. Fix: use a reference like "${example}" or "<repository>@sha256:<digest>"`;
const EXECUTOR = 'quay.io/argoproj/argoexec:v4.1.2';
const REGISTRY_MSG = (shown: string) =>
  `imageRegistry ${shown} is invalid: it must be a registry host with an optional port and path, without a scheme or trailing "/". Fix: use "quay.io/argoproj" or your mirror, e.g. "registry.example.com/argoproj"`;

describe('defaults', () => {
  it('pins Argo v4.1.2 from quay.io/argoproj', () => {
    expect(DEFAULT_ARGO_VERSION).toBe('v4.1.2');
    expect(DEFAULT_IMAGE_REGISTRY).toBe('quay.io/argoproj');
  });
});

describe('validateVersion', () => {
  it.each(['v4.1.2', 'v4.0.10', 'v4.1.0', 'v4.10.3'])('accepts %j', (v) => {
    expect(validateVersion(v)).toBe(v);
  });

  it.each([
    ['latest', '"latest"'],
    ['v3.7.1', '"v3.7.1"'],
    ['4.1.2', '"4.1.2"'],
    ['v4.1', '"v4.1"'],
    ['v4.1.2-rc1', '"v4.1.2-rc1"'],
    ['v5.0.0', '"v5.0.0"'],
    ['', '""'],
  ])('rejects %j', (v, shown) => {
    expectInvalid(() => validateVersion(v), VERSION_MSG(shown));
  });

  it('rejects a non-string', () => {
    expectInvalid(() => validateVersion(4.1), VERSION_MSG('4.1'));
  });
});

describe('validateImageReference', () => {
  it.each([
    'quay.io/argoproj/argoexec:v4.1.2',
    'quay.io/argoproj/argoexec:v4.1.2-nonroot',
    'registry.example.com:5000/argoproj/argocli:v4.1.2',
    `quay.io/argoproj/argoexec@${DIGEST}`,
    `quay.io/argoproj/argoexec:latest@${DIGEST}`,
    `quay.io/argoproj/argoexec:v4.1.2@${DIGEST}`,
    'localhost:5000/argoexec:v4.1.2',
    'mirror/argo_exec:1.0',
  ])('accepts %j', (ref) => {
    expect(validateImageReference('images.executor', ref, EXECUTOR)).toBe(ref);
  });

  it('rejects an image without a tag or digest, suggesting that repository with the default tag', () => {
    expectInvalid(() => validateImageReference('images.controller', 'quay.io/argoproj/workflow-controller', 'quay.io/argoproj/workflow-controller:v4.1.2'),
      PIN_MSG('images.controller', '"quay.io/argoproj/workflow-controller"', 'quay.io/argoproj/workflow-controller', 'v4.1.2'));
  });

  it('rejects ":latest", suggesting the user\'s own mirror with the default tag', () => {
    expectInvalid(() => validateImageReference('images.server', 'mirror.example.com:5000/argo/argocli:latest', 'quay.io/argoproj/argocli:v4.1.2'),
      PIN_MSG('images.server', '"mirror.example.com:5000/argo/argocli:latest"', 'mirror.example.com:5000/argo/argocli', 'v4.1.2'));
  });

  it('suggests a "<version>" placeholder for an image other than the default one', () => {
    expectInvalid(() => validateImageReference('persistence.postgres.inCluster.image', 'registry.example.com/db/pg:latest', 'docker.io/library/postgres:16.6-alpine'),
      PIN_MSG('persistence.postgres.inCluster.image', '"registry.example.com/db/pg:latest"', 'registry.example.com/db/pg', '<version>'));
  });

  it('rejects a short digest, suggesting the repository it names', () => {
    expectInvalid(() => validateImageReference('images.executor', 'quay.io/argoproj/argoexec@sha256:abc', EXECUTOR),
      PIN_MSG('images.executor', '"quay.io/argoproj/argoexec@sha256:abc"', 'quay.io/argoproj/argoexec', 'v4.1.2'));
  });

  it('rejects upper-case repositories, a scheme, the empty string and non-strings, showing the default as example', () => {
    expectInvalid(() => validateImageReference('images.executor', 'Quay.io/argoproj/argoexec:v4.1.2', EXECUTOR), EXAMPLE_MSG('images.executor', '"Quay.io/argoproj/argoexec:v4.1.2"', EXECUTOR));
    expectInvalid(() => validateImageReference('images.executor', 'https://quay.io/argoproj/argoexec:v4.1.2', EXECUTOR), EXAMPLE_MSG('images.executor', '"https://quay.io/argoproj/argoexec:v4.1.2"', EXECUTOR));
    expectInvalid(() => validateImageReference('images.executor', '', EXECUTOR), EXAMPLE_MSG('images.executor', '""', EXECUTOR));
    expectInvalid(() => validateImageReference('images.executor', 42, EXECUTOR), EXAMPLE_MSG('images.executor', '42', EXECUTOR));
  });

  // In a one-component name an all-digit tag is a tag, not a registry port: Docker reads
  // "argoexec:4" as image "argoexec", tag "4".
  it('accepts an all-digit tag on a one-component name ("argoexec:4")', () => {
    expect(validateImageReference('images.executor', 'argoexec:4', EXECUTOR)).toBe('argoexec:4');
  });
});

describe('resolveImages', () => {
  it('derives the four Argo images from the default registry and the version; the Jobs image is its own', () => {
    expect(resolveImages('v4.1.2', undefined)).toEqual({
      controller: 'quay.io/argoproj/workflow-controller:v4.1.2',
      server: 'quay.io/argoproj/argocli:v4.1.2',
      executor: 'quay.io/argoproj/argoexec:v4.1.2',
      crdInstaller: 'quay.io/argoproj/argo-workflows-crdinstaller:v4.1.2',
      jobs: 'docker.io/curlimages/curl:8.11.1',
    });
  });

  it('uses a mirror registry with a port and path', () => {
    expect(resolveImages('v4.0.10', 'registry.example.com:5000/mirror/argoproj')).toEqual({
      controller: 'registry.example.com:5000/mirror/argoproj/workflow-controller:v4.0.10',
      server: 'registry.example.com:5000/mirror/argoproj/argocli:v4.0.10',
      executor: 'registry.example.com:5000/mirror/argoproj/argoexec:v4.0.10',
      crdInstaller: 'registry.example.com:5000/mirror/argoproj/argo-workflows-crdinstaller:v4.0.10',
      jobs: 'docker.io/curlimages/curl:8.11.1',
    });
  });

  it('takes per-image overrides as given and derives the rest', () => {
    expect(resolveImages('v4.1.2', undefined, {
      executor: `quay.io/argoproj/argoexec@${DIGEST}`,
      server: 'mirror.example.com/argocli:v4.1.2',
    })).toEqual({
      controller: 'quay.io/argoproj/workflow-controller:v4.1.2',
      server: 'mirror.example.com/argocli:v4.1.2',
      executor: `quay.io/argoproj/argoexec@${DIGEST}`,
      crdInstaller: 'quay.io/argoproj/argo-workflows-crdinstaller:v4.1.2',
      jobs: 'docker.io/curlimages/curl:8.11.1',
    });
  });

  it('images.jobs: a mirror of the Jobs image is taken as given, not derived from imageRegistry, and must be pinned', () => {
    expect(resolveImages('v4.1.2', 'registry.example.com/argoproj', { jobs: 'registry.example.com/tools/curl:8.11.1' }).jobs).toBe('registry.example.com/tools/curl:8.11.1');
    expect(resolveImages('v4.1.2', 'registry.example.com/argoproj').jobs).toBe('docker.io/curlimages/curl:8.11.1');
    expectInvalid(() => resolveImages('v4.1.2', undefined, { jobs: 'docker.io/curlimages/curl:latest' }),
      PIN_MSG('images.jobs', '"docker.io/curlimages/curl:latest"', 'docker.io/curlimages/curl', '8.11.1'));
  });

  it('validates each override under its own option name, suggesting its own image at the chosen version', () => {
    expectInvalid(() => resolveImages('v4.1.2', undefined, { crdInstaller: 'quay.io/argoproj/argo-workflows-crdinstaller' }),
      PIN_MSG('images.crdInstaller', '"quay.io/argoproj/argo-workflows-crdinstaller"', 'quay.io/argoproj/argo-workflows-crdinstaller', 'v4.1.2'));
    expectInvalid(() => resolveImages('v4.0.10', undefined, { controller: 'quay.io/argoproj/workflow-controller:latest' }),
      PIN_MSG('images.controller', '"quay.io/argoproj/workflow-controller:latest"', 'quay.io/argoproj/workflow-controller', 'v4.0.10'));
    expectInvalid(() => resolveImages('v4.1.2', 'registry.example.com/argoproj', { executor: 'Argoexec' }),
      EXAMPLE_MSG('images.executor', '"Argoexec"', 'registry.example.com/argoproj/argoexec:v4.1.2'));
  });

  it.each([
    ['https://quay.io/argoproj', '"https://quay.io/argoproj"'],
    ['quay.io/argoproj/', '"quay.io/argoproj/"'],
    ['Quay.io/argoproj', '"Quay.io/argoproj"'],
    ['quay.io:port/argoproj', '"quay.io:port/argoproj"'],
    ['', '""'],
  ])('rejects the registry %j', (registry, shown) => {
    expectInvalid(() => resolveImages('v4.1.2', registry), REGISTRY_MSG(shown));
  });
});
