/**
 * Exact messages of option rules, triggered through the construct (`new ArgoWorkflows`). Each also
 * shows that the chart stays empty: a bad option never produces partial output.
 */
import { Testing } from 'cdk8s';
import { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { ArgoWorkflows } from '../../src/k8s/argo-workflows';
import { bad, expectInvalid } from '../config/_helpers';

/** `new ArgoWorkflows(chart, 'argo', props)` throws exactly `message`, and the chart renders no object. */
function rejects(props: ArgoWorkflowsProps, message: string): void {
  const charts: ReturnType<typeof Testing.chart>[] = [];
  expectInvalid(() => {
    const chart = Testing.chart();
    charts.push(chart);
    return new ArgoWorkflows(chart, 'argo', props);
  }, message);
  expect(charts).toHaveLength(2); // expectInvalid runs the function twice, each time in a fresh chart
  for (const chart of charts) expect(Testing.synth(chart)).toEqual([]);
}

describe('new ArgoWorkflows rejects, before building anything', () => {
  test('images.executor without a tag or digest: the fix pins the executor image at the chosen version', () => {
    rejects({ version: 'v4.0.10', images: { executor: 'quay.io/argoproj/argoexec' } },
      'images.executor "quay.io/argoproj/argoexec" is invalid: an image must be pinned with a version tag (not "latest") or a "@sha256:<64 hex>" digest. Fix: pin it, e.g. "quay.io/argoproj/argoexec:v4.0.10", or "quay.io/argoproj/argoexec@sha256:<digest>"');
  });

  test('minio.nodeSelector with an invalid label key', () => {
    rejects({ minio: { nodeSelector: { 'node pool': 'storage' } }, workflowNamespaces: [{ name: 'argo' }] },
      'minio.nodeSelector key "node pool" is invalid: a label key is an optional DNS subdomain prefix and "/", then a name of 1-63 characters of letters, digits, "-", "_" and ".". Fix: rename it, e.g. "node-pool"');
  });

  test('persistence.postgres.inCluster.tolerations that is not a list', () => {
    rejects({ persistence: { postgres: { inCluster: { tolerations: bad('db') } } } },
      'persistence.postgres.inCluster.tolerations "db" is invalid: it must be a list of tolerations. Fix: give a list');
  });

  test('persistence.connectionPool.maxIdleConns below 0', () => {
    rejects({ persistence: { postgres: { inCluster: {} }, connectionPool: { maxIdleConns: -5 } } },
      'persistence.connectionPool.maxIdleConns -5 is invalid: it must be a whole number of at least 0. Fix: give 0 or more');
  });

  test('an artifactRepositories defaultKey that is no repository key, with MinIO added', () => {
    rejects({
      minio: true, workflowNamespaces: [{ name: 'argo' }],
      artifactRepositories: { repositories: { logs: ArtifactRepository.gcs({ bucket: 'my-logs' }) }, defaultKey: 'log' },
    }, 'artifactRepositories.defaultKey "log" is invalid: it must be one of the repository keys: "logs", "minio". Fix: use one of them, or add a repository under "log"');
  });

  test('controller.kubeApiBurst of 0', () => {
    rejects({ controller: { kubeApiBurst: 0 } },
      'controller.kubeApiBurst 0 is invalid: it must be a whole number of at least 1. Fix: set controller.kubeApiBurst to 1 or more, or leave it unset for Argo\'s default');
  });
});
