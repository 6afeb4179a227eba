/** Plain strings type-check wherever an enum is accepted, and resolve exactly like the enum members. */
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { CrdMode, InstallScope } from '../../src/config/install';
import { LogFormat, LogLevel } from '../../src/config/logging';
import { PostgresSslMode } from '../../src/config/persistence/database-options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { AuthMode, ServiceType, TlsVersion } from '../../src/config/server';
import { PodSecurityLevel } from '../../src/config/workflow-namespaces';

test('strings and enum members give the same plan', () => {
  const strings: ArgoWorkflowsProps = {
    scope: 'namespaced', managedNamespace: 'team-a', crds: 'minimal',
    controller: { logLevel: 'debug', logFormat: 'json' },
    server: { authModes: ['client', 'server'], allowServerAuthModeWhenExposed: true, serviceType: 'LoadBalancer', tlsMinVersion: 772, logLevel: 'warn' },
    workflowNamespaces: [{ name: 'team-a', podSecurity: 'baseline' }],
  };
  const enums: ArgoWorkflowsProps = {
    scope: InstallScope.NAMESPACED, managedNamespace: 'team-a', crds: CrdMode.MINIMAL,
    controller: { logLevel: LogLevel.DEBUG, logFormat: LogFormat.JSON },
    server: { authModes: [AuthMode.CLIENT, AuthMode.SERVER], allowServerAuthModeWhenExposed: true, serviceType: ServiceType.LOAD_BALANCER, tlsMinVersion: TlsVersion.TLS_1_3, logLevel: LogLevel.WARN },
    workflowNamespaces: [{ name: 'team-a', podSecurity: PodSecurityLevel.BASELINE }],
  };
  expect(resolveArgoWorkflows(strings)).toEqual(resolveArgoWorkflows(enums));
});

test('the database and repository enums take strings too', () => {
  const sslMode: NonNullable<NonNullable<ArgoWorkflowsProps['persistence']>['postgres']>['sslMode'] = 'verify-full';
  expect(sslMode).toBe(PostgresSslMode.VERIFY_FULL);
});
