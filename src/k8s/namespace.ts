import { Construct } from 'constructs';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import { PodSecurityLevel } from '../config/workflow-namespaces';
import { Component, K8sContext, manifest, meta, orderingHints, SyncWave } from './_meta';

export interface NamespaceProps {
  readonly ctx: K8sContext;
  readonly name: string;
  /** @default PodSecurityLevel.RESTRICTED */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * Labels other features put on the namespace; the Pod Security labels win over them.
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** A Namespace labelled with its Pod Security Standards level (enforce, audit and warn). */
export class Namespace extends Construct {
  constructor(scope: Construct, id: string, props: NamespaceProps) {
    super(scope, id);
    const level = props.podSecurity ?? PodSecurityLevel.RESTRICTED;
    manifest<INamespace>(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(props.ctx, Component.NAMESPACES, props.name, undefined, {
        annotations: orderingHints(SyncWave.NAMESPACES),
        labels: {
          ...props.labels,
          'kubernetes.io/metadata.name': props.name,
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': level,
          'pod-security.kubernetes.io/warn': level,
        },
      }),
    });
  }
}
