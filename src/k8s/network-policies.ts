import { Construct } from 'constructs';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { IIoK8sApimachineryPkgApisMetaV1LabelSelector as LabelSelector } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector';
import type { LabelSelector as PlanSelector, PolicyPeer, PolicyRule, ResolvedNetworkPolicy } from '../config/network';
import { Component, K8sContext, manifest, meta, orderingHints, SyncWave } from './_meta';

export interface NetworkPoliciesProps {
  readonly ctx: Pick<K8sContext, 'labels' | 'version'>;
  /** The policies of the plan (`plan.networkPolicies.policies`). */
  readonly policies: readonly ResolvedNetworkPolicy[];
}

const selector = (s: PlanSelector): LabelSelector => ({
  ...(s.matchLabels && Object.keys(s.matchLabels).length ? { matchLabels: { ...s.matchLabels } } : {}),
  ...(s.matchExpressions?.length ? { matchExpressions: s.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, ...(e.values ? { values: [...e.values] } : {}) })) } : {}),
});

function peer(p: PolicyPeer): INetworkPolicyPeer {
  return {
    ...(p.namespaceSelector ? { namespaceSelector: selector(p.namespaceSelector) } : {}),
    ...(p.podSelector ? { podSelector: selector(p.podSelector) } : {}),
    ...(p.ipBlock ? { ipBlock: { cidr: p.ipBlock.cidr, ...(p.ipBlock.except ? { except: [...p.ipBlock.except] } : {}) } } : {}),
  };
}

/** A rule: no peer list means every peer, no port list every port. */
function rule(r: PolicyRule, peers: 'from' | 'to'): Record<string, unknown> {
  const ports: INetworkPolicyPort[] = r.ports.map((p) => ({ protocol: p.protocol, port: p.port }));
  return { ...(r.peers.length ? { [peers]: r.peers.map(peer) } : {}), ...(ports.length ? { ports } : {}) };
}

/**
 * The install's NetworkPolicies (`networking.k8s.io/v1`), exactly as the plan computes them: a
 * default-deny in each namespace, then one policy per group of pods with the flows it needs.
 */
export class NetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: NetworkPoliciesProps) {
    super(scope, id);
    for (const p of props.policies) {
      const spec: INetworkPolicy['spec'] = {
        podSelector: selector(p.podSelector),
        policyTypes: [...p.policyTypes],
        ...(p.ingress.length ? { ingress: p.ingress.map((r) => rule(r, 'from')) } : {}),
        ...(p.egress.length ? { egress: p.egress.map((r) => rule(r, 'to')) } : {}),
      };
      manifest<INetworkPolicy>(this, `${p.namespace}-${p.name}`, {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
        metadata: meta(props.ctx, Component.NETWORK_POLICIES, p.name, p.namespace, { annotations: orderingHints(SyncWave.NETWORK_POLICIES) }),
        spec,
      });
    }
  }
}
