/**
 * `fromHelm` on values files written from the argo-workflows chart's documentation: the options
 * produced and the values not carried over, exactly; and what it refuses, with the exact message.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHART_DEFAULTS } from '../../src/cli/from-helm/chart-defaults';
import { fromHelm, RELEASE_NAME_NOTE } from '../../src/cli/from-helm';
import { CHART_PATHS } from '../../src/cli/from-helm/mapping';
import { ValidationError } from '../../src/config/errors';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', `${name}.yaml`), 'utf8');
const convert = (name: string, namespace?: string) => fromHelm(fixture(name), { file: `${name}.yaml`, ...(namespace ? { namespace } : {}) });
const refused = (text: string) => {
  try {
    fromHelm(text, { file: 'values.yaml' });
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('from-helm: chart values files', () => {
  test('ha-ingress.yaml', () => {
    expect(convert('ha-ingress', 'argo')).toEqual({
      options: {
        namespace: 'argo',
        workflowNamespaces: [
          {
            name: 'team-a',
          },
        ],
        imagePullSecrets: ['registry-credentials'],
        server: {
          apiRateLimit: 200,
          extraArgs: ['--kube-api-qps=40'],
          authModes: ['client'],
          exposure: {
            ingress: {
              controller: 'nginx',
              hosts: ['argo.example.com'],
              tls: {
                secret: 'argo-example-tls',
              },
              className: 'nginx',
              annotations: {
                'example.com/team': 'platform',
              },
            },
          },
          autoscaling: {
            minReplicas: 2,
            maxReplicas: 5,
            targetCPUUtilizationPercentage: 50,
            targetMemoryUtilizationPercentage: 50,
          },
        },
        controller: {
          replicas: 2,
          podDisruptionBudget: {
            minAvailable: 1,
          },
          podMetadata: {
            annotations: {
              'example.com/owner': 'data-team',
            },
          },
          priorityClassName: 'high',
          kubeApiQps: 50,
          extraArgs: ['--executor-plugins'],
          extraEnv: {
            DEFAULT_REQUEUE_TIME: '20s',
          },
        },
      },
      notCarried: [
        RELEASE_NAME_NOTE,
        {
          value: 'controller.workflowNamespaces',
          reason: 'the chart also gives the release namespace a workflow Role; argo-stack sets up only the namespaces listed (add { name: "argo" } to run workflows there)',
        },
        {
          value: 'server.pdb.enabled',
          reason: 'already the default: argo-stack makes a PodDisruptionBudget whenever server.replicas is more than 1 (and none for one replica, which it could only block drains of)',
        },
        {
          value: 'server.secure',
          reason: 'plain HTTP is not carried over: argo-stack serves HTTPS with a self-signed certificate (its probes and Ingress annotations follow); set server.tls: { plainText: {} } to keep plain HTTP',
        },
        {
          value: 'server.ingress.annotations',
          reason: "argo-stack sets \"nginx.ingress.kubernetes.io/backend-protocol\" itself, to match argo-server's TLS and base href",
        },
        {
          value: 'controller.pdb.enabled',
          reason: 'already the default: argo-stack makes a PodDisruptionBudget whenever controller.replicas is more than 1 (and none for one replica, which it could only block drains of)',
        },
        {
          value: 'images.pullPolicy, singleNamespace, controller.nodeSelector',
          reason: "equal to the chart's defaults, so read as unset: argo-stack's own defaults apply (Pod Security restricted, HTTPS, the Linux node selector, one replica, ...)",
        },
      ],
    });
  });

  test('irsa-s3-sso.yaml', () => {
    expect(convert('irsa-s3-sso')).toEqual({
      options: {
        workflowNamespaces: [
          {
            name: 'default',
            workloadIdentity: {
              awsIrsa: 'arn:aws:iam::111122223333:role/argo-workflow',
            },
          },
        ],
        workloadIdentity: {
          server: {
            awsIrsa: 'arn:aws:iam::111122223333:role/argo-server',
          },
        },
        server: {
          authModes: ['sso'],
        },
        sso: {
          oidc: {
            issuer: 'https://accounts.google.com',
            clientId: {
              name: 'argo-server-sso',
              key: 'client-id',
            },
            clientSecret: {
              name: 'argo-server-sso',
              key: 'client-secret',
            },
            redirectUrl: 'https://argo.example.com/oauth2/callback',
            scopes: ['groups'],
            sessionExpiry: '240h',
          },
        },
        persistence: {
          postgres: {
            host: 'db.example.com',
            port: 5432,
            database: 'argo',
            secretName: 'argo-postgres-config',
            credentials: {
              existing: {},
            },
          },
          archive: true,
          archiveTTL: '30d',
          tableName: 'argo_workflows',
        },
        controller: {
          serviceAccountAnnotations: {
            'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/argo-controller',
          },
        },
        artifactRepository: {
          s3: {
            bucket: 'my-argo-artifacts',
            endpoint: 's3.amazonaws.com',
            region: 'eu-west-1',
            useSDKCreds: true,
            archiveLogs: true,
          },
        },
      },
      notCarried: [
        RELEASE_NAME_NOTE,
        {
          value: 'controller.workflowNamespaces',
          reason: 'the chart also gives the release namespace a workflow Role; argo-stack sets up only the namespaces listed (add { name: "argo" } to run workflows there)',
        },
        {
          value: 'workflow.serviceAccount.create',
          reason: 'already the default: argo-stack creates the workflow service account in every workflow namespace',
        },
        {
          value: 'server.secure',
          reason: 'already the default: argo-stack serves HTTPS (a self-signed certificate unless server.tls names one), with its probes following',
        },
        {
          value: 'server.sso.rbac',
          reason: "already the default: without sso.oidc.rbac every SSO user acts as argo-server's own service account",
        },
      ],
    });
  });

  test('namespaced-minimal.yaml', () => {
    expect(convert('namespaced-minimal')).toEqual({
      options: {
        crds: 'minimal',
        scope: 'namespaced',
        server: {
          exposure: {
            loadBalancer: {
              sourceRanges: ['203.0.113.0/24'],
            },
          },
        },
        controller: {
          logLevel: 'debug',
        },
      },
      notCarried: [
        RELEASE_NAME_NOTE,
        {
          value: 'controller.workflowNamespaces',
          reason: "the chart ignores it with singleNamespace: true; argo-stack's namespaced install manages the install namespace (set managedNamespace and workflowNamespaces to run workflows in another one)",
        },
        {
          value: 'fullnameOverride',
          reason: 'argo-stack keeps the upstream names (see the renames below)',
        },
        {
          value: 'server.securityContext',
          reason: 'already a secure default: argo-stack runs every pod Pod Security "restricted" (non-root, read-only root filesystem, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp)',
        },
        {
          value: 'controller.livenessProbe',
          reason: "argo-stack sets the controller's liveness probe itself (`/healthz` on 6060)",
        },
        {
          value: 'controller.resources',
          reason: 'argo-stack needs requests.cpu, requests.memory and limits.memory together; its documented default size applies until you give all three',
        },
        {
          value: 'crds.keep',
          reason: "equal to the chart's defaults, so read as unset: argo-stack's own defaults apply (Pod Security restricted, HTTPS, the Linux node selector, one replica, ...)",
        },
      ],
    });
  });
  test('an empty values file gives no options and only the release-name note', () => {
    expect(fromHelm('', { file: 'values.yaml' })).toEqual({ options: {}, notCarried: [RELEASE_NAME_NOTE] });
  });
});

describe('from-helm: refused values', () => {
  test('two artifact drivers in one repository', () => {
    expect(() => convert('two-drivers')).toThrow(new ValidationError('two-drivers.yaml: artifactRepository sets 2 artifact drivers (s3, gcs); an artifact repository has exactly one, and Argo refuses the controller config with several. Fix: keep one of s3, gcs, and give the others their own entries in artifactRepositoryRef (argo-stack: artifactRepositories)'));
  });

  test('two drivers in one artifactRepositoryRef entry', () => {
    expect(refused('artifactRepositoryRef:\n  artifact-repositories:\n    main:\n      s3: { bucket: a }\n      azure: { container: b, endpoint: https://x.blob.core.windows.net }\n'))
      .toBe('values.yaml: artifactRepositoryRef.artifact-repositories.main sets 2 artifact drivers (s3, azure); an artifact repository has exactly one, and Argo refuses the controller config with several. Fix: keep one of s3, azure, and give the others their own entries in artifactRepositoryRef (argo-stack: artifactRepositories)');
  });

  test('a Helm template expression where a literal is needed; Argo\'s own {{workflow.name}} is kept', () => {
    expect(() => convert('release-name-template')).toThrow(new ValidationError('release-name-template.yaml: artifactRepository.s3.endpoint is "{{ .Release.Name }}-minio:9000", a Helm template expression; argo-stack options are literal values and the expression cannot be evaluated here. Fix: write the value Helm renders for your release, e.g. "argo-workflows-minio" for "{{ .Release.Name }}-minio" in a release named argo-workflows'));
    const rendered = fixture('release-name-template').replace(/\{\{ \.Release\.Name \}\}/g, 'argo-workflows');
    expect(fromHelm(rendered, { file: 'values.yaml' }).options.artifactRepository).toEqual({
      s3: {
        bucket: 'argo-artifacts', endpoint: 'argo-workflows-minio:9000', insecure: true,
        accessKeySecret: { key: 'accesskey', name: 'argo-workflows-minio' }, secretKeySecret: { key: 'secretkey', name: 'argo-workflows-minio' },
        keyFormat: '{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}',
      },
    });
  });

  test('a template expression in a list names its index', () => {
    expect(refused('images:\n  pullSecrets:\n    - "{{ include \\"argo.pullSecret\\" . }}"\n'))
      .toBe('values.yaml: images.pullSecrets[0] is "{{ include \\"argo.pullSecret\\" . }}", a Helm template expression; argo-stack options are literal values and the expression cannot be evaluated here. Fix: write the value Helm renders for your release, e.g. "argo-workflows-minio" for "{{ .Release.Name }}-minio" in a release named argo-workflows');
  });

  test('a file that is not a chart values file', () => {
    expect(refused('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n'))
      .toBe('values.yaml is not a values file of the argo-helm argo-workflows chart: its top level (apiVersion, kind, metadata) has none of the chart\'s values (controller, server, artifactRepository, crds, ...). Fix: give the values file you install the chart with (`helm get values <release> -o yaml` prints it)');
    expect(refused('- a\n- b\n'))
      .toBe('values.yaml is not a values file of the argo-helm argo-workflows chart: its top level is not a map and has none of the chart\'s values (controller, server, artifactRepository, crds, ...). Fix: give the values file you install the chart with (`helm get values <release> -o yaml` prints it)');
  });

  test('a file that is not YAML, with line and column', () => {
    expect(refused('server:\n  enabled: true\n  enabled: false\n')).toBe('values.yaml line 3, column 3 is not valid YAML: Map keys must be unique. Fix: correct the YAML at that place');
  });

  test('a key that is no chart value, with did-you-mean', () => {
    expect(refused('server:\n  ingres:\n    enabled: true\n'))
      .toBe('values.yaml: server.ingres is not a value of the argo-workflows chart 1.0.18 (did you mean server.ingress?); Helm would ignore it. Fix: rename it to server.ingress');
    expect(refused('controler:\n  replicas: 2\n'))
      .toBe('values.yaml: controler is not a value of the argo-workflows chart 1.0.18 (did you mean controller?); Helm would ignore it. Fix: rename it to controller');
  });

  test('a value of the wrong type', () => {
    expect(refused('server:\n  authModes: sso\n')).toBe('values.yaml: server.authModes "sso" is not a list, as the argo-workflows chart expects. Fix: write server.authModes as a list');
  });
});

describe('from-helm: every chart value is carried over or listed', () => {
  test('each default the converter knows is a chart value it maps', () => {
    for (const path of Object.keys(CHART_DEFAULTS)) expect(CHART_PATHS.some((p) => path === p || path.startsWith(`${p}.`))).toBe(true);
  });

  test.each(CHART_PATHS.filter((p) => !['server.sso.rbac'].includes(p)))('%s set alone is carried over, listed, or refused with a message', (path) => {
    for (const value of ['some-literal', 7, true, ['one'], { key: 'v' }]) {
      const tree: Record<string, unknown> = {};
      const keys = path.split('.');
      keys.reduce<Record<string, unknown>>((node, k, i) => (node[k] = i === keys.length - 1 ? value : {}) as Record<string, unknown>, tree);
      let result;
      try {
        result = fromHelm(JSON.stringify(tree), { file: 'values.json' });
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        continue;
      }
      const listed = result.notCarried.length > 1;
      expect(listed || Object.keys(result.options).length > 0).toBe(true);
    }
  });
});
