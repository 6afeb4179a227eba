/**
 * Physical names the Alibaba Cloud side chooses before deploy, so the Kubernetes objects that carry
 * them (the RRSA role-name annotation) are known at preview: RAM role, policy and user names, OSS
 * resource names in RAM policies, the OSS endpoint of a region, the ACK RRSA OIDC provider ARN.
 */
import { createHash } from 'node:crypto';

/** The longest RAM role (and user) name; RAM policy names may be longer, but one rule keeps both valid. */
export const MAX_RAM_NAME = 64;

/** The Secret (in every namespace that reads the bucket) holding the RAM user's AccessKey, with Argo's key names. */
export const ACCESS_KEY_SECRET = { name: 'argo-artifacts-oss', accessKey: 'accessKey', secretKey: 'secretKey' } as const;

/** The key format that gives each workflow namespace its own prefix. */
export const NAMESPACED_KEY_FORMAT = '{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}';

/** Where argo-server puts files uploaded in the UI: `uploads/<namespace>/<uuid>/<file>` (server/artifacts/artifact_server.go). */
export const UPLOADS_PREFIX = 'uploads/';

/** The audience ACK RRSA tokens carry and the trust policy requires. */
export const RRSA_AUDIENCE = 'sts.aliyuncs.com';

/**
 * `<prefix>-<suffix>` as a RAM name (letters, digits and "-"; at most 64 characters): a longer one
 * keeps its start and ends with 8 hex digits of its SHA-256, so two long names stay distinct and
 * the result is deterministic.
 */
export function ramName(prefix: string, suffix: string): string {
  const full = `${prefix}-${suffix}`;
  if (full.length <= MAX_RAM_NAME) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_RAM_NAME - 9).replace(/-+$/, '')}-${hash}`;
}

/** `acs:oss:*:*:<bucket>`, the bucket in a RAM policy. */
export const ossBucketResource = (bucket: string): string => `acs:oss:*:*:${bucket}`;

/** `acs:oss:*:*:<bucket>/*`, every object of the bucket in a RAM policy. */
export const ossObjectsResource = (bucket: string): string => `acs:oss:*:*:${bucket}/*`;

/** The OSS endpoint of a region, always https (the bucket policy denies plain HTTP); `-internal` from inside the region's VPCs. */
export const ossEndpoint = (region: string, internal = false): string => `https://oss-${region}${internal ? '-internal' : ''}.aliyuncs.com`;

/** The name ACK gives the RAM OIDC provider of a cluster with RRSA on. */
export const ackOidcProviderName = (clusterId: string): string => `ack-rrsa-${clusterId}`;

/** `acs:ram::<account>:oidc-provider/<name>`. */
export const oidcProviderArn = (accountId: string, providerName: string): string => `acs:ram::${accountId}:oidc-provider/${providerName}`;
