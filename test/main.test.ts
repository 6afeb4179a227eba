import { App, Chart } from 'cdk8s';
import { ArtifactRepository } from '../src/config/storage/artifact-repository';
import { Credentials } from '../src/config/credentials';
import { ArgoWorkflows } from '../src/k8s/argo-workflows';
import { buildApp, existingSecretHints } from '../src/main';

describe('existingSecretHints', () => {
  test('the presets: only external-db expects something, the database Secret and its CA bundle', () => {
    expect(existingSecretHints(buildApp())).toEqual({
      'external-db': [
        'kubectl create secret generic argo-postgres-config -n argo --from-literal=username=... --from-literal=password=...',
        'kubectl create configmap rds-ca -n argo --from-file=global-bundle.pem=<CA bundle file>',
      ],
    });
  });

  test('one line per namespace that needs an existing Secret; generated ones are not listed', () => {
    const app = new App();
    new ArgoWorkflows(new Chart(app, 'teams'), 'argo', {
      workflowNamespaces: [{ name: 'team-a' }, { name: 'team-b' }],
      minio: true,
      secrets: [{ name: 's3-cred', keys: ['accessKey', 'secretKey'], credentials: Credentials.existing() }],
      artifactRepositories: {
        repositories: {
          aws: ArtifactRepository.s3({
            bucket: 'team-bucket', accessKeySecret: { name: 's3-cred', key: 'accessKey' }, secretKeySecret: { name: 's3-cred', key: 'secretKey' },
          }),
        },
      },
    });
    expect(existingSecretHints(app)).toEqual({
      teams: [
        'kubectl create secret generic s3-cred -n team-a --from-literal=accessKey=... --from-literal=secretKey=...',
        'kubectl create secret generic s3-cred -n team-b --from-literal=accessKey=... --from-literal=secretKey=...',
      ],
    });
  });
});
