/** waitScript: the text of the wait-for-dependencies script, and the script run with curl against a fake API server and database. */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ResolvedStartup } from '../../../src/config/startup';
import { ARGO_GROUP_VERSION, ARGO_RESOURCES, WAIT_RESOURCES } from '../../../src/config/startup';
import { waitScript } from '../../../src/k8s/scripts/wait-script';

const startup = (o: Partial<ResolvedStartup> = {}): ResolvedStartup => ({
  image: 'docker.io/curlimages/curl:8.11.1', namespace: 'argo', groupVersion: ARGO_GROUP_VERSION, apiResources: ARGO_RESOURCES,
  secrets: [], databases: [], resources: WAIT_RESOURCES, ...o,
});

describe('waitScript', () => {
  const which = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
  const BUSYBOX = which('busybox');

  test.each([
    ['sh', ['sh']],
    ...(BUSYBOX ? [['busybox ash', [BUSYBOX, 'sh']] as [string, string[]]] : []),
  ])('is valid POSIX sh (%s -n)', (_name, shell) => {
    const s = waitScript(startup({ secrets: ['a', 'b'], databases: [{ host: 'postgres', port: 5432 }, { host: 'fd00::1', port: 3306 }] }));
    const r = spawnSync(shell[0], [...shell.slice(1), '-n', '-c', s], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('its variables: the resources, namespace, Secrets and databases, quoted; the API from the pod environment', () => {
    const s = waitScript(startup({ namespace: 'ops', secrets: ['argo-postgres-config', 'sso'], databases: [{ host: 'db.example.com', port: 5433 }] }));
    expect(s).toContain([
      "GROUP_VERSION='argoproj.io/v1alpha1'",
      "GROUP='argoproj.io'",
      "RESOURCES='clusterworkflowtemplates cronworkflows workflowartifactgctasks workfloweventbindings workflows workflowtaskresults workflowtasksets workflowtemplates'",
      "NAMESPACE='ops'",
      "SECRETS='argo-postgres-config sso'",
      "DATABASES='db.example.com:5433'",
      'INTERVAL=2',
      "SA_DIR='/var/run/secrets/kubernetes.io/serviceaccount'",
      'case ${KUBERNETES_SERVICE_HOST:?} in *:*) API_HOST="[$KUBERNETES_SERVICE_HOST]" ;; *) API_HOST=$KUBERNETES_SERVICE_HOST ;; esac',
      'API="https://$API_HOST:${KUBERNETES_SERVICE_PORT:-443}"',
    ].join('\n'));
  });

  test('the token is on no command line: it reaches curl through its config on stdin', () => {
    const uses = waitScript(startup()).split('\n').filter((l) => /token/.test(l) && !l.trim().startsWith('#'));
    expect(uses).toEqual([
      "  token=''",
      '  IFS= read -r token < "$SA_DIR/token" || true',
      `  printf 'header = "Authorization: Bearer %s"\\n' "$token" |`,
    ]);
  });
});

describe('waitScript, run against a fake API server and database', () => {
  let dir: string;
  let api: http.Server;
  let apiUrl: string;
  const requests: { url: string; auth?: string }[] = [];
  /** What the fake API has: served resources, existing Secrets. */
  const state = { resources: [] as string[], secrets: new Set<string>() };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wait-script-'));
    fs.writeFileSync(path.join(dir, 'token'), 'test-token');
    fs.writeFileSync(path.join(dir, 'ca.crt'), '');
    api = http.createServer((req, res) => {
      requests.push({ url: req.url ?? '', auth: req.headers.authorization });
      if (req.url === '/apis/argoproj.io/v1alpha1') {
        // Compact JSON, as the API server sends it; a subresource must not count as its resource.
        const list = state.resources.map((r) => ({ name: r, singularName: '', namespaced: true, kind: 'X', verbs: ['get'] }));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'APIResourceList', groupVersion: 'argoproj.io/v1alpha1', resources: list }));
        return;
      }
      const m = /^\/api\/v1\/namespaces\/argo\/secrets\/([^/]+)$/.exec(req.url ?? '');
      if (m && m[1] === 'forbidden') { res.writeHead(403).end('{}'); return; }
      if (m && state.secrets.has(m[1])) { res.writeHead(200).end('{"data":{"password":"c2VjcmV0"}}'); return; }
      res.writeHead(404).end('{}');
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    apiUrl = `http://127.0.0.1:${(api.address() as net.AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => api.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the script; `during` changes the fake world while it runs. Resolves with its output once it exits. */
  function run(s: ResolvedStartup, timeoutMs = 20_000): Promise<{ status: number | null; out: string }> {
    const child = spawn('sh', ['-c', waitScript(s, { apiUrl, serviceAccountDir: dir, intervalSeconds: 0.1 })]);
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => child.kill(), timeoutMs);
    return new Promise((resolve) => child.on('exit', (status) => { clearTimeout(timer); resolve({ status, out }); }));
  }

  const until = async (cond: () => boolean) => { while (!cond()) await new Promise((r) => setTimeout(r, 50)); };

  test('waits for the CRDs, then the Secrets, then the database, and says what it waits for', async () => {
    state.resources = ARGO_RESOURCES.filter((r) => r !== 'workflowtasksets').concat(['workflowtasksets/status']);
    state.secrets = new Set();
    const db = net.createServer((sock) => sock.destroy());
    // A port that is free now: nothing listens until the test opens it.
    await new Promise<void>((r) => db.listen(0, '127.0.0.1', r));
    const port = (db.address() as net.AddressInfo).port;
    await new Promise((r) => db.close(r));

    requests.length = 0;
    const done = run(startup({ secrets: ['argo-postgres-config'], databases: [{ host: '127.0.0.1', port }] }));
    await until(() => requests.filter((q) => q.url === '/apis/argoproj.io/v1alpha1').length >= 3);
    state.resources = [...ARGO_RESOURCES];
    await until(() => requests.filter((q) => q.url.endsWith('/secrets/argo-postgres-config')).length >= 3);
    state.secrets.add('argo-postgres-config');
    await new Promise((r) => setTimeout(r, 500));
    await new Promise<void>((r) => db.listen(port, '127.0.0.1', r));
    const { status, out } = await done;
    db.close();

    expect(status).toBe(0);
    expect(out).toBe([
      'waiting for the CRD workflowtasksets.argoproj.io',
      'the Argo CRDs are served',
      'waiting for Secret argo/argo-postgres-config (HTTP 404: not created yet)',
      'Secret argo/argo-postgres-config exists',
      `waiting for database 127.0.0.1:${port} (no TCP connection)`,
      `database 127.0.0.1:${port} accepts connections`,
      'ready',
      '',
    ].join('\n'));
    expect(new Set(requests.map((q) => q.auth))).toEqual(new Set(['Bearer test-token']));
  }, 30_000);

  test('a Secret it may not read is named with the 403', async () => {
    state.resources = [...ARGO_RESOURCES];
    const { out } = await run(startup({ secrets: ['forbidden'] }), 1500);
    expect(out).toBe('the Argo CRDs are served\nwaiting for Secret argo/forbidden (HTTP 403: the ServiceAccount may not read it)\n');
  });

  test('returns at once when everything is there', async () => {
    state.resources = [...ARGO_RESOURCES];
    state.secrets = new Set(['a', 'b']);
    const { status, out } = await run(startup({ secrets: ['a', 'b'] }));
    expect(status).toBe(0);
    expect(out).toBe('the Argo CRDs are served\nSecret argo/a exists\nSecret argo/b exists\nready\n');
  });
});
