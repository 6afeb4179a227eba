import { planStorage } from '../../src/cloud/aws/plan';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { toObjects } from '../../src/render/objects';
import { parseStackConfig } from '../../stacks/aws/config';
import { stackProps } from '../../stacks/aws/props';
import type { K8sObject } from '../util';

test('access keys: the repository\'s key Secret is declared as one Pulumi fills, so the install renders', () => {
  const config = parseStackConfig({ 'aws:region': 'eu-west-1', 'argo-stack-aws:bucketName': 'my-argo-artifacts', 'argo-stack-aws:identity': 'access-keys' });
  const subjects = resolveArgoWorkflows(stackProps(config)).serviceAccountSubjects;
  const plan = planStorage({ bucketName: config.bucketName, region: config.region, identity: config.identity, subjects });
  const props = stackProps(config, plan.artifactRepository, []);
  expect(props.secrets).toEqual([{
    name: 'argo-artifacts-s3', keys: ['accessKey', 'secretKey'], credentials: expect.anything(), description: 'the access key of the artifact bucket\'s IAM user',
  }]);
  const objs = toObjects(props) as K8sObject[];
  // The Secret is Pulumi's (pulumiCredentials): neither it nor a credentials Job is among the objects.
  expect(objs.filter((o) => o.metadata?.name === 'argo-artifacts-s3' || String(o.metadata?.name).startsWith('argo-stack-credentials'))).toEqual([]);
  const cm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'artifact-repositories')!;
  expect(Object.values(cm.data as Record<string, string>).join('\n')).toContain('name: argo-artifacts-s3');
});
