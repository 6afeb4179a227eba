/** What the policy tests share: a Deployment that passes every rule, and the helpers that break it. */
import { checkManifests, Finding } from '../../src/policy';

export type Obj = Record<string, any>;

/** A Deployment that passes every rule; each test breaks one thing. */
export function goodDeployment(): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'apps' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'web',
            image: 'example.com/web:1.2.3',
            ports: [{ containerPort: 8080 }],
            readinessProbe: { httpGet: { path: '/', port: 8080 } },
            resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          }],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}

export const WEB = 'Deployment/apps/web';
export const podOf = (d: Obj): Obj => d.spec.template.spec;
export const containerOf = (d: Obj): Obj => podOf(d).containers[0];
export const err = (rule: string, message: string, object = WEB): Finding => ({ level: 'error', object, rule, message });
export const warn = (rule: string, message: string, object = WEB): Finding => ({ level: 'warning', object, rule, message });

/** The findings for one changed copy of the good Deployment. */
export function findingsAfter(change: (d: Obj) => void): Finding[] {
  const d = goodDeployment();
  change(d);
  return checkManifests([d]);
}
