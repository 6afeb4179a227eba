import { Testing } from 'cdk8s';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { parse } from 'yaml';
import { resolveArtifactRepositories } from '../../src/config/storage/artifact-repositories';
import { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import { ARTIFACT_REPOSITORY, checkShape } from '../../src/config/controller-config/schema';
import { resolveMinio } from '../../src/config/storage/minio';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { ArtifactRepositories } from '../../src/k8s/artifact-repositories';
import { checkManifests } from '../../src/policy';
import { fileFor } from '../../src/render';
import { K8sObject, stdLabels } from '../util';

const KEYS = { accessKeySecret: { name: 'minio-user-argo', key: 'accesskey' }, secretKeySecret: { name: 'minio-user-argo', key: 'secretkey' } };

function synth(repositories: Parameters<typeof resolveArtifactRepositories>[0], namespace = 'argo'): { objs: K8sObject[]; construct: ArtifactRepositories } {
  const plan = resolveArgoWorkflows({});
  const chart = Testing.chart();
  const construct = new ArtifactRepositories(chart, 'repos', { ctx: plan, namespace, repositories: resolveArtifactRepositories(repositories) });
  return { objs: Testing.synth(chart) as K8sObject[], construct };
}

describe('ArtifactRepositories: the MinIO repository as the only entry', () => {
  const minio = resolveMinio({}, { namespace: 'argo', workflowNamespaces: ['argo'] });
  const { objs, construct } = synth({ repositories: { default: minio.tenants[0].repository } });

  test('one ConfigMap artifact-repositories, every field', () => {
    expect(objs).toEqual([{
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'artifact-repositories',
        namespace: 'argo',
        annotations: { 'workflows.argoproj.io/default-artifact-repository': 'default' },
        labels: stdLabels('artifact-repositories'),
      },
      data: {
        default: [
          's3:',
          '  accessKeySecret:',
          '    key: accesskey',
          '    name: minio-user-argo',
          '  bucket: my-bucket',
          '  endpoint: minio:9000',
          '  insecure: true',
          '  keyFormat: argo/{{workflow.name}}/{{pod.name}}',
          '  secretKeySecret:',
          '    key: secretkey',
          '    name: minio-user-argo',
          '',
        ].join('\n'),
      },
    }]);
    expect(construct.data).toEqual(objs[0].data);
    expect(fileFor(objs[0])).toBe('31-artifact-repositories');
  });

  test('each value parses back to the repository, and Argo\'s key tree accepts it', () => {
    const value = parse(objs[0].data.default);
    expect(value).toEqual({ s3: { endpoint: 'minio:9000', bucket: 'my-bucket', insecure: true, keyFormat: 'argo/{{workflow.name}}/{{pod.name}}', ...KEYS } });
    checkShape('', value, ARTIFACT_REPOSITORY);
  });

  test('kubernetes-models validation and no policy findings', () => {
    new ConfigMap(objs[0] as never).validate();
    expect(checkManifests(objs)).toEqual([]);
  });
});

describe('ArtifactRepositories: several repositories, an explicit default, a custom name, a workflow namespace', () => {
  const s3 = ArtifactRepository.s3({ bucket: 'argo-artifacts', region: 'eu-west-1', useSDKCreds: true, keyFormat: '{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}' });
  const gcs = ArtifactRepository.gcs({ bucket: 'argo-logs', archiveLogs: true });
  const { objs } = synth({ repositories: { 'aws.s3': s3, logs: gcs }, defaultKey: 'logs', configMapName: 'team-artifacts' }, 'team-a');
  const cm = objs[0];

  test('the ConfigMap in the workflow namespace, with one key per repository and the default annotation', () => {
    expect(objs).toHaveLength(1);
    expect(cm.metadata).toEqual({
      name: 'team-artifacts',
      namespace: 'team-a',
      annotations: { 'workflows.argoproj.io/default-artifact-repository': 'logs' },
      labels: stdLabels('artifact-repositories'),
    });
    expect(Object.keys(cm.data)).toEqual(['aws.s3', 'logs']);
    expect(cm.data['aws.s3']).toBe([
      's3:',
      '  bucket: argo-artifacts',
      '  endpoint: s3.amazonaws.com',
      '  keyFormat: "{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}"',
      '  region: eu-west-1',
      '  useSDKCreds: true',
      '',
    ].join('\n'));
    expect(cm.data.logs).toBe(['archiveLogs: true', 'gcs:', '  bucket: argo-logs', ''].join('\n'));
    for (const [key, repo] of Object.entries({ 'aws.s3': s3, logs: gcs })) expect(parse(cm.data[key])).toEqual(repo.spec);
  });

  test('kubernetes-models validation and no policy findings', () => {
    new ConfigMap(cm as never).validate();
    expect(checkManifests(objs)).toEqual([]);
  });
});
