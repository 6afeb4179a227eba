import { Construct } from 'constructs';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { DEFAULT_ARTIFACT_REPOSITORY_ANNOTATION, ResolvedArtifactRepositories } from '../config/storage/artifact-repositories';
import { renderYaml } from '../config/controller-config/render';
import { Component, K8sContext, manifest, meta } from './_meta';

export interface ArtifactRepositoriesProps {
  readonly ctx: K8sContext;
  /** The namespace of the ConfigMap: a namespace that runs workflows (or the controller's, for refs). */
  readonly namespace: string;
  readonly repositories: ResolvedArtifactRepositories;
}

/**
 * An `artifact-repositories` ConfigMap: one data key per repository (its YAML, with Argo's keys) and
 * the `workflows.argoproj.io/default-artifact-repository` annotation naming the default key. Argo
 * reads it from the workflow's namespace; the Secrets the repositories reference must exist there too.
 */
export class ArtifactRepositories extends Construct {
  /** The rendered data. */
  public readonly data: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: ArtifactRepositoriesProps) {
    super(scope, id);
    const { ctx, namespace, repositories: r } = props;
    const data: Record<string, string> = {};
    for (const [key, repo] of Object.entries(r.repositories)) data[key] = renderYaml(repo.spec);
    this.data = data;
    manifest<IConfigMap>(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(ctx, Component.ARTIFACT_REPOSITORIES, r.configMapName, namespace, {
        annotations: { [DEFAULT_ARTIFACT_REPOSITORY_ANNOTATION]: r.defaultKey },
      }),
      data: { ...data },
    });
  }
}
