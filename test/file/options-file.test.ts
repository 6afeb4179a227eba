/**
 * Reading an options file: exact messages (not YAML or JSON with line and column, unknown keys with
 * did-you-mean, variants in a wrong form), each starting with the file's name.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { optionsFromText, readOptionsDocuments, readOptionsFile } from '../../src/cli/options-file';
import { ServerTls } from '../../src/config/exposure/tls';

function messageOf(file: string, text: string): string {
  try {
    optionsFromText(file, text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('not YAML or JSON: line and column', () => {
  test.each([
    ['bad.yaml', 'namespace: argo\nserver:\n  replicas: 1\n   baseHref: /\n',
      'bad.yaml: line 3, column 13: it is not valid YAML: Nested mappings are not allowed in compact mappings. Fix: put each key and its value on their own line, with a space after ":"'],
    ['dup.yaml', 'namespace: argo\nnamespace: other\n', 'dup.yaml: line 2, column 1: it is not valid YAML: Map keys must be unique. Fix: keep one of the two keys'],
    ['tab.yml', 'server:\n\treplicas: 1\n', 'tab.yml: line 2, column 1: it is not valid YAML: Tabs are not allowed as indentation. Fix: indent with spaces, not tabs'],
    ['bad.json', '{\n  "namespace": "argo",\n  "server": { "replicas": }\n}\n',
      'bad.json: line 3, column 27: it is not valid JSON: Unexpected token \'}\'. Fix: correct the JSON there (or write the options as YAML in a .yaml file)'],
    ['comma.json', '{\n  "namespace": "argo"\n  "scope": "cluster"\n}\n',
      'comma.json: line 3, column 3: it is not valid JSON: Expected \',\' or \'}\' after property value. Fix: correct the JSON there (or write the options as YAML in a .yaml file)'],
  ])('%s', (file, text, message) => {
    expect(messageOf(file, text)).toBe(message);
  });
});

describe('the file as a whole', () => {
  test.each([
    ['empty.yaml', '# nothing\n', 'empty.yaml: it is empty. Fix: write the options as a mapping, e.g. "namespace: argo" (an empty mapping "{}" takes every default)'],
    ['options.txt', 'namespace: argo\n', 'options.txt: an options file is YAML or JSON, named *.yaml, *.yml or *.json. Fix: rename it to "options.yaml" if it holds YAML'],
    ['list.yaml', '- namespace: argo\n',
      'list.yaml: options "<list>" is invalid: the options are one mapping of option names to values (ArgoWorkflowsProps). Fix: write the options as a mapping, e.g. "namespace: argo"'],
  ])('%s', (file, text, message) => {
    expect(messageOf(file, text)).toBe(message);
  });

  test('a missing file', () => {
    expect(() => readOptionsFile('no/such/options.yaml')).toThrow(
      'no/such/options.yaml: cannot read it: there is no such file. Fix: give the path of an options file (.yaml, .yml or .json)');
  });

  test('one install per document; readOptionsFile wants one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-stack-options-'));
    const file = path.join(dir, 'two.yaml');
    fs.writeFileSync(file, 'namespace: a\n---\nnamespace: b\n');
    expect(readOptionsDocuments(file).map((p) => p.namespace)).toEqual(['a', 'b']);
    expect(() => readOptionsFile(file)).toThrow(`${file}: it holds 2 YAML documents (installs), where one is expected. Fix: keep one document, or read it with readOptionsDocuments`);
    fs.rmSync(dir, { recursive: true });
  });

  test('a problem in the second document names it', () => {
    expect(messageOf('multi.yaml', 'namespace: a\n---\nnamespace: B\n')).toBe('multi.yaml (document 2): namespace "B" is invalid: it must be an RFC 1123 label: '
      + '1-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit. Fix: use a name like "b"');
  });

  test('a JSON file reads like YAML', () => {
    expect(optionsFromText('o.json', '{ "namespace": "argo", "server": { "tls": { "plainText": {} } } }')[0].server?.tls).toEqual(ServerTls.plainText());
  });
});

describe('unknown keys: path and did-you-mean', () => {
  test.each([
    ['typo.yaml', 'namespace: argo\nworkflowNamespace:\n  - name: argo\n',
      'typo.yaml: workflowNamespace is not an option argo-stack knows; allowed here: namespace, createNamespace, version, imageRegistry, images, scope, managedNamespace, crds, '
      + 'labels, imagePullSecrets, minio, artifactRepository, artifactRepositories, secrets, controller, server, workflowNamespaces, persistence, jobs, workloadIdentity, '
      + 'workflowRestrictions, workflowServiceAccountTokens, sso, tokenLogin, metrics, rbacProfile, rbacFeatures, networkPolicies. Fix: rename it to "workflowNamespaces"'],
    ['ingress.yaml', 'server:\n  exposure:\n    ingress:\n      controler: nginx\n      hosts: [a.example.com]\n      tls: { none: {} }\n',
      'ingress.yaml: server.exposure.ingress.controler is not an option argo-stack knows; allowed here: controller, hosts, className, tls, annotations. Fix: rename it to "controller"'],
    ['generated.yaml', 'minio:\n  credentials:\n    generated: { lenght: 40 }\n',
      'generated.yaml: minio.credentials.generated.lenght is not an option of Credentials.generated; its options are fixed, length. Fix: rename it to "length"'],
    ['s3.yaml', 'artifactRepository:\n  s3:\n    bucket: my-bucket\n    bukcet: x\n',
      's3.yaml: artifactRepository.s3.bukcet is not an option of ArtifactRepository.s3; its options are bucket, endpoint, region, insecure, keyFormat, useSDKCreds, roleARN, '
      + 'accessKeySecret, secretKeySecret, sessionTokenSecret, caSecret, encryptionOptions, createBucketIfNotPresent, addressingStyle, archiveLogs. Fix: rename it to "bucket"'],
  ])('%s', (file, text, message) => {
    expect(messageOf(file, text)).toBe(message);
  });
});

describe('a variant in a wrong form', () => {
  test.each([
    ['examples/quick-start.yaml', 'namespace: argo\nserver:\n  tls:\n    plaintext: {}\n',
      'examples/quick-start.yaml: server.tls.plaintext is not a form of ServerTls; the forms are selfSigned, fromSecret, certManager, plainText. Fix: rename it to "plainText"'],
    ['string.yaml', 'server:\n  tls: selfSigned\n',
      'string.yaml: server.tls "selfSigned" is invalid: a ServerTls is an object with one key naming the form: selfSigned, fromSecret, certManager, plainText. Fix: write { selfSigned: {} }'],
    ['two.yaml', 'server:\n  tls: { selfSigned: {}, plainText: {} }\n',
      'two.yaml: server.tls has 2 keys (selfSigned, plainText): a ServerTls is exactly one of its forms (selfSigned, fromSecret, certManager, plainText). Fix: keep one of them'],
    ['empty-form.yaml', 'persistence:\n  postgres:\n    credentials:\n      existing:\n',
      'empty-form.yaml: persistence.postgres.credentials.existing null is invalid: Credentials.existing() takes nothing, so its form is { existing: {} }. Fix: write existing: {}'],
    ['secret.yaml', 'server:\n  tls:\n    fromSecret: { name: argo-server-tls }\n',
      'secret.yaml: server.tls.fromSecret "<object>" is invalid: it must be a string, the argument of ServerTls.fromSecret(). Fix: write fromSecret: "..."'],
    ['controller.yaml', 'server:\n  exposure:\n    ingress:\n      controller: ngnix\n      hosts: [a.example.com]\n      tls: { none: {} }\n',
      'controller.yaml: server.exposure.ingress.controller "ngnix" is invalid: it must name a form of IngressController: nginx, traefik, traefikV1. Fix: use "nginx"'],
    ['controller-object.yaml', 'server:\n  exposure:\n    ingress:\n      controller: { traefik: {} }\n      hosts: [a.example.com]\n      tls: { none: {} }\n',
      'controller-object.yaml: server.exposure.ingress.controller {"traefik":{}} is invalid: it must name a form of IngressController: nginx, traefik, traefikV1, written as the name alone. Fix: write "traefik"'],
    ['irsa.yaml', 'workloadIdentity:\n  server:\n    awsIrsa: nope\n',
      'irsa.yaml: workloadIdentity.server.awsIrsa "nope" is invalid: it must be an IAM role ARN "arn:<partition>:iam::<12-digit account>:role/<path/>name", the name at most 64 '
      + 'letters, digits and "+=,.@_-". Fix: copy the role ARN from IAM, e.g. "arn:aws:iam::123456789012:role/argo-workflows"'],
    ['map.yaml', 'artifactRepositories:\n  repositories:\n    default:\n      S3: { bucket: my-bucket }\n',
      'map.yaml: artifactRepositories.repositories["default"].S3 is not a form of ArtifactRepository; the forms are s3, gcs, azure, oss, artifactory, hdfs, plugin. Fix: rename it to "s3"'],
  ])('%s', (file, text, message) => {
    expect(messageOf(file, text)).toBe(message);
  });

  test('every wrong form at once', () => {
    expect(messageOf('many.yaml', 'server:\n  tls: { plaintext: {} }\nsso: { oicd: {} }\n')).toBe([
      '2 options are invalid:',
      '  many.yaml: server.tls.plaintext is not a form of ServerTls; the forms are selfSigned, fromSecret, certManager, plainText. Fix: rename it to "plainText"',
      '  many.yaml: sso.oicd is not a form of Sso; the forms are oidc, argoCdDex. Fix: rename it to "oidc"',
    ].join('\n'));
  });
});
