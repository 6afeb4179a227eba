/**
 * Schema validation of custom resources (cert-manager, Gateway API, Traefik, prometheus-operator,
 * Argo Workflows) with the `@kubernetes-models` CRD packages, which are ES modules and run in a
 * child Node process.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { K8sObject } from '../util';

const SCRIPT = path.join(__dirname, 'custom-resources.mjs');

/** The `apiVersion kind` pairs the child process has a model for. */
export const CUSTOM_RESOURCE_GROUPS = ['cert-manager.io/', 'gateway.networking.k8s.io/', 'traefik.io/', 'monitoring.coreos.com/', 'argoproj.io/'];

/** Whether an object is a custom resource this module validates. */
export const isCustomResource = (o: K8sObject): boolean => CUSTOM_RESOURCE_GROUPS.some((g) => String(o.apiVersion).startsWith(g));

/** One entry per object: `null` when valid, else the schema error (or a missing-model message). */
export function validateCustomResources(objects: readonly K8sObject[]): (string | null)[] {
  if (objects.length === 0) return [];
  const out = execFileSync(process.execPath, [SCRIPT], { input: JSON.stringify(objects), encoding: 'utf8', cwd: path.join(__dirname, '..', '..') });
  return JSON.parse(out) as (string | null)[];
}
