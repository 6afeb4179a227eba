/**
 * `server.autoscaling`: a HorizontalPodAutoscaler (`autoscaling/v2`) for argo-server. With it the
 * Deployment has no fixed `replicas` (the autoscaler owns the count) and the PodDisruptionBudget
 * follows `minReplicas`. Pure.
 */
import { Checker, optionKeys } from './check';
import { conflict, invalid } from './errors';

/** argo-server's HorizontalPodAutoscaler; at least one utilization target. */
export interface ServerAutoscalingOptions {
  /** The fewest argo-server pods, 1 to 100. */
  readonly minReplicas: number;
  /** The most argo-server pods, from `minReplicas` to 100. */
  readonly maxReplicas: number;
  /** Average CPU use, in percent of the pods' CPU request, to scale at (1 to 100). @default - no CPU target */
  readonly targetCPUUtilizationPercentage?: number;
  /** Average memory use, in percent of the pods' memory request, to scale at (1 to 100). @default - no memory target */
  readonly targetMemoryUtilizationPercentage?: number;
}

/** One `Resource` metric of the autoscaler: its resource and average utilization in percent. */
export interface ResolvedScalingTarget {
  readonly resource: 'cpu' | 'memory';
  readonly averageUtilization: number;
}

export interface ResolvedAutoscaling {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** CPU first, then memory. */
  readonly targets: ResolvedScalingTarget[];
}

/** The most pods the autoscaler may run. */
export const MAX_AUTOSCALING_REPLICAS = 100;

const AUTOSCALING_KEYS = optionKeys<ServerAutoscalingOptions>()(['minReplicas', 'maxReplicas', 'targetCPUUtilizationPercentage', 'targetMemoryUtilizationPercentage']);

/** `<path>.autoscaling`, checked; undefined when unset. */
export function resolveAutoscaling(parent: Checker, value: unknown): ResolvedAutoscaling | undefined {
  if (value === undefined) return undefined;
  const c = parent.child('autoscaling');
  const example = '{ minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 80 }';
  const o = c.object(value, example) as Partial<ServerAutoscalingOptions>;
  c.known(o as Record<string, unknown>, AUTOSCALING_KEYS);
  const range = `from 1 to ${MAX_AUTOSCALING_REPLICAS}`;
  for (const key of ['minReplicas', 'maxReplicas'] as const) {
    if (o[key] === undefined) throw invalid(c.at(key), undefined, `it is required, a whole number ${range}`, `set it, e.g. ${example}`);
  }
  const min = c.int('minReplicas', o.minReplicas, 1, `use a whole number ${range}`, MAX_AUTOSCALING_REPLICAS) as number;
  const max = c.int('maxReplicas', o.maxReplicas, 1, `use a whole number ${range}`, MAX_AUTOSCALING_REPLICAS) as number;
  if (min > max) throw conflict(`${c.at('minReplicas')} ${min} is more than ${c.at('maxReplicas')} ${max}`, `set ${c.at('maxReplicas')} to ${min} or more, or lower ${c.at('minReplicas')}`);
  const percent = 'use a whole number of percent from 1 to 100, e.g. 80';
  const cpu = c.int('targetCPUUtilizationPercentage', o.targetCPUUtilizationPercentage, 1, percent, 100);
  const memory = c.int('targetMemoryUtilizationPercentage', o.targetMemoryUtilizationPercentage, 1, percent, 100);
  if (cpu === undefined && memory === undefined) {
    throw invalid(c.path, value, 'it needs at least one target: targetCPUUtilizationPercentage or targetMemoryUtilizationPercentage', 'add targetCPUUtilizationPercentage: 80 (the average CPU use, in percent of the request, to scale at)');
  }
  const targets: ResolvedScalingTarget[] = [];
  if (cpu !== undefined) targets.push({ resource: 'cpu', averageUtilization: cpu });
  if (memory !== undefined) targets.push({ resource: 'memory', averageUtilization: memory });
  return { minReplicas: min, maxReplicas: max, targets };
}
