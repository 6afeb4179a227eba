/** credentialsScript: the text of the credentials Job's script, and the script run with curl against a fake API server. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { credentialsScript, GeneratedSecret } from '../../../src/k8s/scripts/credentials-script';
import { shellQuote } from '../../../src/k8s/scripts/shell';
import { K8sObject, stdLabels } from '../../util';

const LABELS = stdLabels('credentials');
/** What argo-stack puts on the Secrets the Job creates: Argo CD neither prunes nor diffs them. */
const ANNOTATIONS = { 'argocd.argoproj.io/compare-options': 'IgnoreExtraneous', 'argocd.argoproj.io/sync-options': 'Prune=false' };
const scriptFor = (secrets: GeneratedSecret[]) => credentialsScript({ labels: LABELS, annotations: ANNOTATIONS, secrets });

/** Two generated Secrets: one in the install namespace copied to two others, one whose primary is a workflow namespace. */
const GENERATED: GeneratedSecret[] = [
  { name: 'argo-postgres-config', keys: ['username', 'password'], fixed: { username: 'argo' }, length: 32, namespaces: ['argo', 'wf-a', 'wf-b'] },
  { name: 'my-minio-cred', keys: ['accesskey', 'secretkey'], fixed: {}, length: 20, namespaces: ['wf-a'] },
];

describe('credentialsScript: text', () => {
  const one: GeneratedSecret[] = [{ name: 'argo-postgres-config', keys: ['username', 'password'], fixed: { username: 'argo' }, length: 32, namespaces: ['argo', 'wf'] }];
  const script = scriptFor(one);

  test('sh -n: valid POSIX sh syntax', () => {
    for (const s of [script, scriptFor(GENERATED)]) {
      expect(() => execFileSync('sh', ['-n'], { input: s, stdio: ['pipe', 'pipe', 'pipe'] })).not.toThrow();
    }
  });

  test('the section of one Secret, exactly', () => {
    const section = script.slice(script.indexOf('# --- Secret'), script.indexOf("echo 'Done"));
    expect(section).toBe(`# --- Secret "argo-postgres-config": username (fixed), password (random, 32 characters).
# Primary namespace "argo"; copied to "wf".
if exists 'argo' 'argo-postgres-config'; then
  echo 'Secret argo/argo-postgres-config: exists, kept as it is'
else
  random_1=$(random 32)
  printf '%s' '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"argo-postgres-config",'"$SECRET_META"'},"type":"Opaque","stringData":{"password":"'"$random_1"'","username":"argo"}}' |
    create 'argo' 'argo-postgres-config'
  unset random_1
fi
# Read it back: it must have every key (an existing Secret is never changed).
primary=$(read_secret 'argo' 'argo-postgres-config')
data_1=$(data_value "$primary" 'argo/argo-postgres-config' 'password')
data_2=$(data_value "$primary" 'argo/argo-postgres-config' 'username')
for namespace in 'wf'; do
  if exists "$namespace" 'argo-postgres-config'; then
    printf 'Secret %s/%s: exists, kept as it is\\n' "$namespace" 'argo-postgres-config'
  else
    printf '%s' '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"argo-postgres-config",'"$SECRET_META"'},"type":"Opaque","data":{"password":"'"$data_1"'","username":"'"$data_2"'"}}' |
      create "$namespace" 'argo-postgres-config'
  fi
done
unset primary data_1 data_2

`);
  });

  test('the Secret metadata: standard labels, and Argo CD told to neither prune nor diff the Secrets', () => {
    expect(script).toContain(`SECRET_META='"labels":{"app.kubernetes.io/component":"credentials","app.kubernetes.io/managed-by":"argo-stack","app.kubernetes.io/part-of":"argo-workflows","app.kubernetes.io/version":"v4.1.2"},"annotations":{"argocd.argoproj.io/compare-options":"IgnoreExtraneous","argocd.argoproj.io/sync-options":"Prune=false"}'`);
  });

  test('only GET and POST: never PUT, PATCH or DELETE', () => {
    const code = script.split('\n').filter((line) => !line.trimStart().startsWith('#')).join('\n');
    expect(code).not.toMatch(/\b(PUT|PATCH|DELETE)\b/);
    expect(script.match(/request (GET|POST)/g)).toEqual(['request GET', 'request POST', 'request GET']);
  });

  test('fixed values are quoted for sh and JSON', () => {
    const s = scriptFor([{ name: 'db', keys: ['user', 'password'], fixed: { user: `o'brien "x" $HOME \\` }, length: 32, namespaces: ['argo'] }]);
    expect(s).toContain(`"user":"o'\\''brien \\"x\\" $HOME \\\\"}}'`);
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});

/** What the fake API server holds and saw. */
interface FakeState {
  secrets: Record<string, K8sObject>;
  log: { method: string; url: string; body?: string }[];
  /** Secrets that GET does not see yet but that a POST finds (someone else created them meanwhile). */
  race?: Record<string, K8sObject>;
  /** Namespaces where every request is forbidden. */
  forbidden?: string[];
  /** No server at all: curl cannot connect. */
  down?: boolean;
}

/**
 * A fake Kubernetes API for Secrets, in this process: answers GET and POST like the API server
 * (pretty-printed JSON, stringData turned into base64 data, managedFields, Status objects), checks
 * the bearer token and the headers, and logs every request.
 */
function fakeApi(state: FakeState): http.Server {
  return http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const method = req.method ?? '';
      state.log.push({ method, url: req.url ?? '', ...(body ? { body } : {}) });
      const reply = (code: number, obj: unknown) => {
        res.writeHead(code, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(obj, null, 2));
      };
      const fail = (code: number, reason: string, message: string) =>
        reply(code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
      if (req.headers.authorization !== 'Bearer test-token') return fail(401, 'Unauthorized', 'Unauthorized');
      if (req.headers.accept !== 'application/json') return fail(406, 'NotAcceptable', 'no Accept: application/json');
      const m = /^\/api\/v1\/namespaces\/([a-z0-9-]+)\/secrets(?:\/([a-z0-9.-]+))?\?pretty=true$/.exec(req.url ?? '');
      if (!m) return fail(404, 'NotFound', 'the server could not find the requested resource');
      const [, ns, name] = m;
      if (state.forbidden?.includes(ns)) {
        return fail(403, 'Forbidden', `secrets is forbidden: User "system:serviceaccount:argo:argo-stack-credentials" cannot ${method.toLowerCase()} resource "secrets" in the namespace "${ns}"`);
      }
      if (method === 'GET' && name) {
        const found = state.secrets[`${ns}/${name}`];
        return found ? reply(200, found) : fail(404, 'NotFound', `secrets "${name}" not found`);
      }
      if (method !== 'POST' || name) return fail(405, 'MethodNotAllowed', `${method} is not allowed here`);
      if (req.headers['content-type'] !== 'application/json') return fail(415, 'UnsupportedMediaType', 'no Content-Type: application/json');
      let obj: K8sObject;
      try {
        obj = JSON.parse(body);
      } catch (e) {
        return fail(400, 'BadRequest', `invalid JSON: ${(e as Error).message}`);
      }
      const id = `${ns}/${obj.metadata.name}`;
      if (state.race?.[id]) {
        state.secrets[id] = state.race[id];
        delete state.race[id];
      }
      if (state.secrets[id]) return fail(409, 'AlreadyExists', `secrets "${obj.metadata.name}" already exists`);
      const values: Record<string, string> = { ...(obj.data ?? {}) };
      for (const [k, v] of Object.entries(obj.stringData ?? {})) values[k] = Buffer.from(v as string).toString('base64');
      const data = Object.fromEntries(Object.keys(values).sort().map((k) => [k, values[k]]));
      state.secrets[id] = {
        kind: 'Secret', apiVersion: 'v1',
        metadata: {
          name: obj.metadata.name, namespace: ns, uid: `uid-${state.log.length}`, resourceVersion: String(state.log.length),
          labels: obj.metadata.labels, annotations: obj.metadata.annotations,
          managedFields: [{
            manager: 'curl', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1',
            fieldsV1: { 'f:data': Object.fromEntries([['.', {}], ...Object.keys(data).map((k) => [`f:${k}`, {}])]), 'f:type': {} },
          }],
        } as K8sObject['metadata'],
        data,
        type: obj.type,
      };
      return reply(201, state.secrets[id]);
    });
  });
}

/** A Secret as the user or another tool made it (with a last-applied annotation that mentions "data"). */
function userSecret(ns: string, name: string, values: Record<string, string>): K8sObject {
  const data = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  return {
    kind: 'Secret', apiVersion: 'v1',
    metadata: {
      name, namespace: ns, resourceVersion: '7',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion: 'v1', kind: 'Secret', data: { password: 'bm90LXRoaXM=' } }) },
      managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:data': { '.': {}, 'f:password': {} } } }],
    } as K8sObject['metadata'],
    data,
    type: 'Opaque',
  };
}

const decode = (s: K8sObject | undefined) => Object.fromEntries(Object.entries((s?.data ?? {}) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));

/** Runs a command to its end, with stdin closed; resolves with its exit status and output. */
function runAsync(argv: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * The script runs with the real curl against the fake API: only the API address (plain HTTP on
 * localhost instead of https://kubernetes.default.svc) and the token and header paths are changed.
 * The shells: sh, and busybox ash (the image's shell) when it is installed.
 */
const HAS_CURL = spawnSync('curl', ['--version']).status === 0;
const which = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
/** A shell, and the programs the script may find: undefined for the host's PATH. */
const SHELLS: [string, string[], Record<string, string> | undefined][] = [['sh', ['sh'], undefined]];
const BUSYBOX = which('busybox');
if (BUSYBOX) {
  // As in the image: busybox ash with busybox's tr, head, sed, grep and cat, and curl.
  SHELLS.push(['busybox ash', [BUSYBOX, 'sh'], { tr: BUSYBOX, head: BUSYBOX, sed: BUSYBOX, grep: BUSYBOX, cat: BUSYBOX, curl: which('curl') }]);
}

(HAS_CURL ? describe.each(SHELLS) : describe.skip.each(SHELLS))('credentialsScript: run with curl against a fake API server (%s)', (_name, shell, programs) => {
  const script = scriptFor(GENERATED);

  async function run(initial: Partial<FakeState>): Promise<{ status: number | null; stdout: string; stderr: string; state: FakeState }> {
    const state: FakeState = { secrets: {}, log: [], ...initial };
    const server = fakeApi(state);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    if (state.down) await new Promise((resolve) => server.close(resolve));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-stack-credentials-'));
    try {
      fs.mkdirSync(path.join(dir, 'sa'));
      fs.writeFileSync(path.join(dir, 'sa', 'token'), 'test-token');
      fs.writeFileSync(path.join(dir, 'sa', 'ca.crt'), 'not used over plain HTTP');
      const local = [
        ["API='https://kubernetes.default.svc'", `API='http://127.0.0.1:${port}'`],
        ["SA_DIR='/var/run/secrets/kubernetes.io/serviceaccount'", `SA_DIR='${dir}/sa'`],
        ["AUTH_HEADER='/tmp/authorization'", `AUTH_HEADER='${dir}/authorization'`],
      ].reduce((text, [from, to]) => {
        expect(text).toContain(from);
        return text.replace(from, to);
      }, script);
      let PATH = process.env.PATH;
      if (programs) {
        PATH = path.join(dir, 'bin');
        fs.mkdirSync(PATH);
        for (const [name, target] of Object.entries(programs)) fs.symlinkSync(target, path.join(PATH, name));
      }
      const r = await runAsync([...shell, '-c', local], { PATH });
      return { ...r, state };
    } finally {
      if (!state.down) await new Promise((resolve) => server.close(resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Every value of every Secret in the state must be absent from the output. */
  function expectNoValuePrinted(r: { stdout: string; stderr: string; state: FakeState }): void {
    for (const s of Object.values(r.state.secrets)) {
      for (const [k, v] of Object.entries(decode(s))) {
        if (k === 'username') continue; // fixed, not secret
        expect(r.stdout).not.toContain(v);
        expect(r.stderr).not.toContain(v);
        expect(r.stdout).not.toContain((s.data as Record<string, string>)[k]);
      }
    }
  }

  test('empty cluster: creates each Secret in its primary namespace and copies it, values identical', async () => {
    const r = await run({});
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe([
      'Secret argo/argo-postgres-config: created',
      'Secret wf-a/argo-postgres-config: created',
      'Secret wf-b/argo-postgres-config: created',
      'Secret wf-a/my-minio-cred: created',
      'Done: every generated Secret is in place.',
      '',
    ].join('\n'));
    expect(Object.keys(r.state.secrets).sort()).toEqual(['argo/argo-postgres-config', 'wf-a/argo-postgres-config', 'wf-a/my-minio-cred', 'wf-b/argo-postgres-config']);

    const pg = decode(r.state.secrets['argo/argo-postgres-config']);
    expect(pg.username).toBe('argo');
    expect(pg.password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(decode(r.state.secrets['wf-a/argo-postgres-config'])).toEqual(pg);
    expect(decode(r.state.secrets['wf-b/argo-postgres-config'])).toEqual(pg);
    const minio = decode(r.state.secrets['wf-a/my-minio-cred']);
    expect(minio.accesskey).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(minio.secretkey).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(minio.accesskey).not.toBe(minio.secretkey);

    for (const s of Object.values(r.state.secrets)) {
      expect(s.type).toBe('Opaque');
      expect(s.metadata.labels).toEqual(LABELS);
      expect(s.metadata.annotations).toEqual({ 'argocd.argoproj.io/compare-options': 'IgnoreExtraneous', 'argocd.argoproj.io/sync-options': 'Prune=false' });
    }
    expect(new Set(r.state.log.map((l) => l.method))).toEqual(new Set(['GET', 'POST']));
    // The primary gets stringData; the copies get the primary's base64 data.
    const posts = r.state.log.filter((l) => l.method === 'POST').map((l) => JSON.parse(l.body!));
    expect(posts.map((p) => Object.keys(p).filter((k) => k === 'data' || k === 'stringData')[0])).toEqual(['stringData', 'data', 'data', 'stringData']);
    expectNoValuePrinted(r);
  });

  test('a second run changes nothing', async () => {
    const first = await run({});
    const second = await run({ secrets: first.state.secrets });
    expect(second.status).toBe(0);
    expect(second.stdout).toBe([
      'Secret argo/argo-postgres-config: exists, kept as it is',
      'Secret wf-a/argo-postgres-config: exists, kept as it is',
      'Secret wf-b/argo-postgres-config: exists, kept as it is',
      'Secret wf-a/my-minio-cred: exists, kept as it is',
      'Done: every generated Secret is in place.',
      '',
    ].join('\n'));
    expect(second.state.secrets).toEqual(first.state.secrets);
    expect(second.state.log.every((l) => l.method === 'GET')).toBe(true);
  });

  test('an existing primary is kept, and its values are what gets copied', async () => {
    const mine = userSecret('argo', 'argo-postgres-config', { username: 'alice', password: 'correct-horse-battery' });
    const r = await run({ secrets: { 'argo/argo-postgres-config': mine } });
    expect(r.status).toBe(0);
    expect(r.state.secrets['argo/argo-postgres-config']).toEqual(mine);
    expect(decode(r.state.secrets['wf-a/argo-postgres-config'])).toEqual({ username: 'alice', password: 'correct-horse-battery' });
    expect(decode(r.state.secrets['wf-b/argo-postgres-config'])).toEqual({ username: 'alice', password: 'correct-horse-battery' });
    expectNoValuePrinted(r);
  });

  test('an existing copy is kept as it is', async () => {
    const other = userSecret('wf-b', 'argo-postgres-config', { username: 'bob', password: 'different' });
    const r = await run({ secrets: { 'wf-b/argo-postgres-config': other } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Secret wf-b/argo-postgres-config: exists, kept as it is');
    expect(r.state.secrets['wf-b/argo-postgres-config']).toEqual(other);
  });

  test('409 on create (someone was faster) is fine, and the winner\'s values are copied', async () => {
    const racer = userSecret('argo', 'argo-postgres-config', { username: 'argo', password: 'from-the-racer' });
    const r = await run({ race: { 'argo/argo-postgres-config': racer } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Secret argo/argo-postgres-config: created meanwhile by someone else, kept as it is');
    expect(r.state.secrets['argo/argo-postgres-config']).toEqual(racer);
    expect(decode(r.state.secrets['wf-a/argo-postgres-config']).password).toBe('from-the-racer');
  });

  test('an existing primary without a key: exit 1 with a clear message, nothing copied', async () => {
    const partial = userSecret('argo', 'argo-postgres-config', { username: 'alice' });
    const r = await run({ secrets: { 'argo/argo-postgres-config': partial } });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('ERROR: Secret argo/argo-postgres-config has no key "password". argo-stack never changes an existing Secret: add the key, or delete the Secret so that it is generated again\n');
    expect(Object.keys(r.state.secrets)).toEqual(['argo/argo-postgres-config']);
  });

  test('any other HTTP status: exit 1, the status and the API\'s message, no value', async () => {
    const r = await run({ forbidden: ['wf-b'] });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe([
      'ERROR: reading Secret wf-b/argo-postgres-config: HTTP 403',
      '  "message": "secrets is forbidden: User \\"system:serviceaccount:argo:argo-stack-credentials\\" cannot get resource \\"secrets\\" in the namespace \\"wf-b\\"",',
      '  "reason": "Forbidden",',
      '',
    ].join('\n'));
    expect(r.state.secrets['wf-b/argo-postgres-config']).toBeUndefined();
    expectNoValuePrinted(r);
  });

  test('API unreachable: exit 1', async () => {
    const r = await run({ down: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^curl: \(7\) Failed to connect to 127\.0\.0\.1 port \d+.*\nERROR: reading Secret argo\/argo-postgres-config: HTTP 000\n$/);
    expect(r.state.secrets).toEqual({});
  });
});
