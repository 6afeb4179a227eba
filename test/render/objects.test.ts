/** toObjects(): the objects of a stack as plain data, exactly as dist/ holds them. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { PRESETS } from '../../examples';
import { CLUSTER_PROPS } from '../../examples/cluster';
import { EXTERNAL_DB_PROPS } from '../../examples/external-db';
import { GATEWAY_PROPS } from '../../examples/gateway';
import { INGRESS_NGINX_PROPS } from '../../examples/ingress-nginx';
import { INGRESS_TRAEFIK_PROPS } from '../../examples/ingress-traefik';
import { MULTI_TENANT_PROPS, TENANTS } from '../../examples/multi-tenant';
import { NAMESPACED_PROPS } from '../../examples/namespaced';
import { QUICK_START_PROPS } from '../../examples/quick-start';
import { SSO_PROPS } from '../../examples/sso';
import { STRICT_NAMESPACED_PROPS } from '../../examples/strict-namespaced';
import { HA_PROPS } from '../../examples/ha';
import { buildApp } from '../../src/cli/synth';
import { ValidationError } from '../../src/config/errors';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { ArgoWorkflows } from '../../src/k8s/argo-workflows';
import { renderApp, toObjects } from '../../src/render';
import { objectsOf } from '../../src/render/files';

const DIST = path.join(__dirname, '..', '..', 'dist');

/** The props each preset builds its stack from (the multi-tenant preset: one install per tenant). */
const PROPS: Record<string, ArgoWorkflowsProps> = {
  'quick-start': QUICK_START_PROPS,
  cluster: CLUSTER_PROPS,
  namespaced: NAMESPACED_PROPS,
  'external-db': EXTERNAL_DB_PROPS,
  'ingress-nginx': INGRESS_NGINX_PROPS,
  'ingress-traefik': INGRESS_TRAEFIK_PROPS,
  gateway: GATEWAY_PROPS,
  sso: SSO_PROPS,
  'strict-namespaced': STRICT_NAMESPACED_PROPS,
  ha: HA_PROPS,
};
const MULTI_TENANT = 'multi-tenant';

/** The documents of the committed `dist/<preset>/`, by file name, then in document order. */
function committed(preset: string): unknown[] {
  const dir = path.join(DIST, preset);
  return fs.readdirSync(dir).sort().filter((f) => f.endsWith('.yaml')).flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJSON()));
}

/** A fresh app with every preset, as `npm run synth` builds it. */
const presetApp = (): App => buildApp(PRESETS);

test('every preset has its props here', () => {
  expect([...Object.keys(PROPS), MULTI_TENANT].sort()).toEqual(PRESETS.map((p) => p.name).sort());
});

test('multi-tenant: toObjects(props) of each tenant equals the documents of dist/ labelled with that tenant, in order', () => {
  const expected = committed(MULTI_TENANT) as { metadata: { labels: Record<string, string> } }[];
  expect(MULTI_TENANT_PROPS.flatMap((props) => toObjects(props))).toHaveLength(expected.length);
  MULTI_TENANT_PROPS.forEach((props, i) => {
    expect(toObjects(props)).toStrictEqual(expected.filter((o) => o.metadata.labels.tenant === TENANTS[i]));
  });
});

describe.each(PRESETS.map((p) => p.name))('preset %s', (name) => {
  const expected = committed(name);

  if (name !== MULTI_TENANT) {
    test('toObjects(props) equals the documents of dist/, in file and document order', () => {
      expect(expected.length).toBeGreaterThan(0);
      expect(toObjects(PROPS[name])).toStrictEqual(expected);
    });
  }

  test('toObjects(chart) of the preset gives the same objects', () => {
    const chart = presetApp().charts.find((c) => c.node.id === name)!;
    expect(toObjects(chart)).toStrictEqual(expected);
  });
});

test('toObjects(app): every chart in the order it was added, as renderApp writes them', () => {
  const app = presetApp();
  expect(Object.keys(renderApp(app)).map((f) => f.split('/')[0]).filter((c, i, all) => all.indexOf(c) === i)).toEqual(PRESETS.map((p) => p.name));
  expect(toObjects(app)).toStrictEqual(PRESETS.flatMap((p) => committed(p.name)));
});

describe('validation comes first', () => {
  test('invalid props: the construction error, exactly', () => {
    expect(() => toObjects({ server: { baseHref: 'argo' } })).toThrow(new ValidationError(
      'server.baseHref "argo" is invalid: it must start and end with "/" (argo-server builds "<baseHref>oauth2/callback" and scopes its cookie to it). Fix: use "/argo/"',
    ));
  });

  test('a construct validation error: the same error as renderApp, for the app and for any of its charts', () => {
    const app = new App();
    const bad = new Chart(app, 'bad');
    new ArgoWorkflows(bad, 'argo');
    new Construct(bad, 'Bad').node.addValidation({ validate: () => ['first problem', 'second problem'] });
    const good = new Chart(app, 'good');
    new ArgoWorkflows(good, 'argo');
    const error = new ValidationError('Validation failed with the following errors:\n  [bad/Bad] first problem\n  [bad/Bad] second problem');
    expect(() => renderApp(app)).toThrow(error);
    expect(() => toObjects(app)).toThrow(error);
    expect(() => toObjects(bad)).toThrow(error);
    // The whole app is checked, as cdk8s does when it renders one chart.
    expect(() => toObjects(good)).toThrow(error);
  });
});

describe('objectsOf(chart): what chart.toJson() gives, without resolving and validating the whole app again', () => {
  test('every preset, once another chart has been rendered', () => {
    const app = presetApp();
    app.charts[0].toJson();
    for (const chart of app.charts) expect(objectsOf(chart)).toStrictEqual(chart.toJson());
  });

  test('dependencies between objects and between charts, and a nested chart, decide the order', () => {
    const app = new App();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    const cm = (scope: Construct, id: string) => new ApiObject(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id.toLowerCase() } });
    const first = cm(b, 'First');
    const second = cm(b, 'Second');
    first.addDependency(second);
    const inner = new Chart(b, 'Inner');
    cm(inner, 'InInner');
    cm(a, 'InA').addDependency(first);
    a.toJson();
    expect(objectsOf(b).map((o) => (o.metadata as { name: string }).name)).toEqual(['second', 'first']);
    for (const chart of [a, b, inner]) expect(objectsOf(chart)).toStrictEqual(chart.toJson());
  });
});
