import { checkObject, optionKeys, rejectUnknownKeys } from './check';
import { invalid } from './errors';

/** The Argo Workflows release argo-stack is tested against. */
export const DEFAULT_ARGO_VERSION = 'v4.1.2';

/** Where upstream publishes its images. */
export const DEFAULT_IMAGE_REGISTRY = 'quay.io/argoproj';

/** Per-image overrides, for digests or mirrors. Each value is a full reference with a tag or a digest. */
export interface ArgoImages {
  /**
   * The workflow-controller image.
   * @default - `<imageRegistry>/workflow-controller:<version>`
   */
  readonly controller?: string;
  /**
   * The argo-server image (the `argocli` image).
   * @default - `<imageRegistry>/argocli:<version>`
   */
  readonly server?: string;
  /**
   * The executor image used for the init and wait containers of workflow pods (`--executor-image`).
   * @default - `<imageRegistry>/argoexec:<version>`
   */
  readonly executor?: string;
  /**
   * The image of the CRD installer Job.
   * @default - `<imageRegistry>/argo-workflows-crdinstaller:<version>`
   */
  readonly crdInstaller?: string;
  /**
   * The image of argo-stack's one-shot Jobs that create generated credentials and MinIO's bucket.
   * It must run as UID 100 and have a POSIX `sh` with `curl` (7.75 or later), `tr`, `head`, `sed`,
   * `grep` and `sleep`; not derived from imageRegistry, since it is not an Argo image.
   * @default DEFAULT_JOBS_IMAGE ("docker.io/curlimages/curl:8.11.1")
   */
  readonly jobs?: string;
}

/** The image of the credentials and bucket Jobs: small, pinned, with busybox sh and curl. */
export const DEFAULT_JOBS_IMAGE = 'docker.io/curlimages/curl:8.11.1';

/**
 * The MinIO server image: the last release MinIO published as an image, which has the fixes for
 * CVE-2023-28434 (fixed in RELEASE.2023-03-20T20-16-18Z) and CVE-2024-24747 (fixed in
 * RELEASE.2024-01-31T20-20-33Z). Pinned by its release tag and the digest of its multi-platform index.
 */
export const DEFAULT_MINIO_IMAGE = 'quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z@sha256:14cea493d9a34af32f524e538b8346cf79f3321eff8e708c1e2960462bd8936e';

/**
 * The MinIO client (`mc`) image of the Job that creates each workflow namespace's MinIO user and
 * policy through MinIO's admin API (an encrypted API that only MinIO's own clients speak). Pinned by
 * its release tag and the digest of its multi-platform index; its shell and coreutils come from UBI micro.
 */
export const DEFAULT_MINIO_CLIENT_IMAGE = 'quay.io/minio/mc:RELEASE.2025-08-13T08-35-41Z@sha256:a7fe349ef4bd8521fb8497f55c6042871b2ae640607cf99d9bede5e9bdf11727';

export interface ResolvedImages {
  readonly controller: string;
  readonly server: string;
  readonly executor: string;
  readonly crdInstaller: string;
  readonly jobs: string;
}

const VERSION = /^v4\.\d+\.\d+$/;
const REGISTRY = /^[a-z0-9]+([._-][a-z0-9]+)*(\.[a-z0-9-]+)*(:\d+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const IMAGE = /^(?<repo>[a-z0-9]+([._-][a-z0-9]+)*(\.[a-z0-9-]+)*(:\d+(?=\/))?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*)(:(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(@(?<digest>sha256:[a-f0-9]{64}))?$/;

/** Checks an Argo release tag (`v4.x.y`). */
export function validateVersion(value: unknown): string {
  if (typeof value !== 'string' || !VERSION.test(value)) {
    throw invalid('version', value, 'it must be an Argo Workflows v4 release tag like "v4.1.2"',
      `use "${DEFAULT_ARGO_VERSION}", or pin an image by digest with images.controller, images.server, images.executor and images.crdInstaller`);
  }
  return value;
}

/**
 * Checks a full image reference: it must carry a version tag (not `latest`) or a sha256 digest.
 *
 * @param example the option's default reference, e.g. `"quay.io/argoproj/argoexec:v4.1.2"`: the fix pins
 *   the user's own repository with its tag (when the image names match), or shows it when the value
 *   is no reference at all
 */
export function validateImageReference(option: string, value: unknown, example: string): string {
  const m = typeof value === 'string' ? IMAGE.exec(value) : null;
  const tag = m?.groups?.tag;
  const digest = m?.groups?.digest;
  if (!m || (!tag && !digest) || (tag === 'latest' && !digest)) {
    // The repository without its tag or (malformed) digest, if that much is a valid reference.
    const repo = typeof value === 'string' ? value.replace(/@.*$/, '').replace(/:[^/:]*$/, '') : '';
    const valid = repo !== '' && IMAGE.exec(repo)?.groups?.repo === repo;
    const name = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);
    const exampleRepo = example.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
    const exampleTag = /^:([^/:@]+)/.exec(example.slice(exampleRepo.length))?.[1];
    const pinTag = exampleTag !== undefined && name(repo) === name(exampleRepo) ? exampleTag : '<version>';
    throw invalid(option, value, 'an image must be pinned with a version tag (not "latest") or a "@sha256:<64 hex>" digest',
      valid ? `pin it, e.g. ${JSON.stringify(`${repo}:${pinTag}`)}, or ${JSON.stringify(`${repo}@sha256:<digest>`)}`
        : `use a reference like ${JSON.stringify(example)} or "<repository>@sha256:<digest>"`);
  }
  return value as string;
}

const IMAGE_KEYS = optionKeys<ArgoImages>()(['controller', 'server', 'executor', 'crdInstaller', 'jobs']);

/** Resolves the four Argo images from the version, registry and overrides. */
export function resolveImages(version: string, registry: string | undefined, overrides: ArgoImages = {}): ResolvedImages {
  const reg = registry ?? DEFAULT_IMAGE_REGISTRY;
  if (typeof reg !== 'string' || !REGISTRY.test(reg)) {
    throw invalid('imageRegistry', reg, 'it must be a registry host with an optional port and path, without a scheme or trailing "/"',
      `use "${DEFAULT_IMAGE_REGISTRY}" or your mirror, e.g. "registry.example.com/argoproj"`);
  }
  if (overrides !== undefined) {
    checkObject('images', overrides, '{ controller: "registry.example.com/argoproj/workflow-controller:v4.1.2" }');
    rejectUnknownKeys('images', overrides as Record<string, unknown>, IMAGE_KEYS);
  }
  const pick = (key: keyof ArgoImages, image: string) =>
    overrides[key] !== undefined ? validateImageReference(`images.${key}`, overrides[key], `${reg}/${image}:${version}`) : `${reg}/${image}:${version}`;
  return {
    controller: pick('controller', 'workflow-controller'),
    server: pick('server', 'argocli'),
    executor: pick('executor', 'argoexec'),
    crdInstaller: pick('crdInstaller', 'argo-workflows-crdinstaller'),
    jobs: overrides.jobs !== undefined ? validateImageReference('images.jobs', overrides.jobs, DEFAULT_JOBS_IMAGE) : DEFAULT_JOBS_IMAGE,
  };
}
