/**
 * `image/`: every image is pinned by a tag other than `latest`, or by a sha256 digest.
 */
import { NamedContainer, q, Report } from './_objects';

/** Splits an image reference: its tag (if any) and whether it carries a sha256 digest. */
export function parseImageReference(image: string): { tag?: string; digest: boolean } {
  const at = image.indexOf('@');
  const digest = at >= 0 && /^sha256:[a-f0-9]{64}$/.test(image.slice(at + 1));
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastPart.indexOf(':');
  return { tag: colon >= 0 ? lastPart.slice(colon + 1) : undefined, digest };
}

/** `image/pinned` on one container. */
export function checkContainerImage({ c, where }: NamedContainer, report: Report): void {
  const image: unknown = c.image;
  if (typeof image !== 'string' || image === '') {
    report('error', 'image/pinned', `${where} has no image. Fix: set image to a reference with a version tag or a sha256 digest`);
    return;
  }
  const { tag, digest } = parseImageReference(image);
  if (digest) return;
  if (tag === undefined || tag === '') report('error', 'image/pinned', `${where} image ${q(image)} has no tag, so it floats with "latest". Fix: pin a version tag or a sha256 digest`);
  else if (tag === 'latest') report('error', 'image/pinned', `${where} image ${q(image)} uses the "latest" tag. Fix: pin a version tag or a sha256 digest`);
}
