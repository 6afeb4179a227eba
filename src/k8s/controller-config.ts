import { createHash } from 'node:crypto';
import type { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { renderConfigMapData } from '../config/controller-config/render';
import type { ControllerConfig } from '../config/controller-config';
import { Component, K8sContext, manifest, meta } from './_meta';

export const CONTROLLER_CONFIGMAP = 'workflow-controller-configmap';

export interface ControllerConfigMapProps {
  readonly ctx: K8sContext;
  /** The final configmap content. */
  readonly config: ControllerConfig;
}

/**
 * `workflow-controller-configmap`, rendered from the typed config: one data key per top-level
 * setting, every value a string. It always exists (the controller exits without it).
 */
export class ControllerConfigMap extends Construct {
  /** The rendered data. */
  public readonly data: Readonly<Record<string, string>>;
  /** sha256 of the rendered data; argo-server's pod template carries it so a change rolls the server. */
  public readonly checksum: string;
  /** The ConfigMap itself, for `addJsonPatch(...)`. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: ControllerConfigMapProps) {
    super(scope, id);
    this.data = renderConfigMapData(props.config);
    this.checksum = createHash('sha256').update(JSON.stringify(this.data)).digest('hex');
    this.resource = manifest<IConfigMap>(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(props.ctx, Component.CONTROLLER, CONTROLLER_CONFIGMAP, props.ctx.namespace),
      ...(Object.keys(this.data).length ? { data: { ...this.data } } : {}),
    });
  }
}
