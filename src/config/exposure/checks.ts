/**
 * The checks of the exposure feature: host names, cert-manager issuers, the TLS choices of
 * argo-server and of an Ingress, and instances of the union-like classes.
 */
import { isIP } from 'node:net';
import { Checker } from '../check';
import { conflict, hintText, invalid } from '../errors';
import { validateDnsSubdomain } from '../names';
import type { CertificateIssuer } from './resolved';

/** A DNS name for a host (no wildcard, no IP). */
const DNS_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The host a wrong value most likely meant, for "Fix:" hints. */
function suggestHost(value: unknown): string {
  const s = hintText(value).toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[:/].*$/, '').replace(/^\*\./, '').replace(/[^a-z0-9.-]+/g, '-')
    .split('.').map((p) => p.replace(/^-+|-+$/g, '')).filter(Boolean).join('.');
  return s || 'argo.example.com';
}

/** A list of host names: at least one, each a DNS name, no duplicates. */
export function checkHosts(c: Checker, field: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(c.at(field), value, 'it must list at least one host name', 'give the host the UI is served on, e.g. ["argo.example.com"]');
  }
  const seen = new Set<string>();
  value.forEach((host: unknown, i) => {
    const at = `${c.at(field)}[${i}]`;
    if (typeof host !== 'string' || host.length > 253 || !DNS_NAME.test(host) || isIP(host) !== 0) {
      throw invalid(at, host, 'it must be a DNS name such as "argo.example.com": lower-case letters, digits, "-" and ".", without scheme, port, path or wildcard',
        `use ${JSON.stringify(suggestHost(host))}`);
    }
    if (seen.has(host)) throw invalid(c.at(field), value, `it lists "${host}" twice; each host may appear once`, `remove the duplicate "${host}"`);
    seen.add(host);
  });
  return [...(value as string[])];
}

/** An instance of one of the option classes; anything else (a look-alike object, a string) is named and rejected. */
export function checkInstance<T extends object>(path: string, value: unknown, cls: { readonly prototype: T; readonly name: string }, fix: string): T {
  const ok = typeof value === 'object' && value !== null && Object.prototype.isPrototypeOf.call(cls.prototype, value);
  if (!ok) throw invalid(path, value, `it must be ${/^[AEIOU]/.test(cls.name) ? 'an' : 'a'} ${cls.name} value made by one of its factories`, fix);
  return value as T;
}

/** The issuer of a cert-manager Certificate: exactly one of `issuer` and `clusterIssuer`. */
export function checkIssuer(c: Checker, o: Record<string, unknown>): CertificateIssuer {
  const { issuer, clusterIssuer } = o;
  if (issuer !== undefined && clusterIssuer !== undefined) {
    throw conflict(`${c.path} sets both issuer and clusterIssuer: a cert-manager Certificate has exactly one issuer`, 'keep issuer (an Issuer in the install namespace) or clusterIssuer, not both');
  }
  if (issuer === undefined && clusterIssuer === undefined) {
    throw conflict(`${c.path} names no issuer: cert-manager needs an Issuer or a ClusterIssuer to sign the certificate`,
      'give issuer: "<an Issuer in the install namespace>" or clusterIssuer: "<a ClusterIssuer>", e.g. { clusterIssuer: "letsencrypt" }');
  }
  return issuer !== undefined
    ? { name: validateDnsSubdomain(c.at('issuer'), issuer), kind: 'Issuer' }
    : { name: validateDnsSubdomain(c.at('clusterIssuer'), clusterIssuer), kind: 'ClusterIssuer' };
}

/** An optional list of DNS names (for a Certificate). */
export function checkDnsNames(c: Checker, value: unknown): string[] | undefined {
  return value === undefined ? undefined : checkHosts(c, 'dnsNames', value);
}
