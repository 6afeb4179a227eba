/** CIDR notation, for `Exposure.loadBalancer({ sourceRanges })`. */
import { isIP } from 'node:net';

/** An IPv4 or IPv6 CIDR with a prefix in range. */
export function isCidr(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const [ip, prefix, ...rest] = value.split('/');
  const family = isIP(ip);
  if (rest.length || !family || !/^\d{1,3}$/.test(prefix ?? '')) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
