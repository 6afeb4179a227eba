/** createBucketScript: the text of the bucket Job's script, and the script run with curl against a fake S3 API. */
import { spawn, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { createBucketScript, CreateBucketScriptOptions } from '../../../src/k8s/scripts/create-bucket-script';
import { bad, expectInvalid } from '../../config/_helpers';

describe('createBucketScript', () => {
  const script = createBucketScript({ bucket: 'my-bucket', endpoint: 'http://minio:9000' });
  const which = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
  const BUSYBOX = which('busybox');

  test.each([
    ['sh', ['sh']],
    ...(BUSYBOX ? [['busybox ash', [BUSYBOX, 'sh']] as [string, string[]]] : []),
  ])('is valid POSIX sh (%s -n), with and without TLS', (_name, shell) => {
    for (const s of [script, createBucketScript({ bucket: 'artifacts', endpoint: 'https://minio.ops.svc:9000', caFile: '/etc/minio-ca/ca.crt' })]) {
      const r = spawnSync(shell[0], [...shell.slice(1), '-n', '-c', s], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
  });

  test('the credentials are on no command line: only env, to curl through its config on stdin', () => {
    expect(script).not.toMatch(/--user|\s-u\s/);
    const uses = script.split('\n').filter((l) => /MINIO_ROOT_(USER|PASSWORD)/.test(l));
    expect(uses).toEqual([
      `  printf 'user = "%s:%s"\\n' "$(config_quote "$MINIO_ROOT_USER")" "$(config_quote "$MINIO_ROOT_PASSWORD")"`,
      'if [ -z "${MINIO_ROOT_USER:-}" ] || [ -z "${MINIO_ROOT_PASSWORD:-}" ]; then',
      "  echo 'ERROR: MINIO_ROOT_USER and MINIO_ROOT_PASSWORD must be set and not empty (from the MinIO Secret)' >&2",
    ]);
  });

  test('the bucket, URL and CA file are quoted; a trailing / of the endpoint is dropped', () => {
    const s = createBucketScript({ bucket: 'a.b-c', endpoint: 'https://minio:9000/', caFile: "/ca dir/it's.crt", attempts: 3, intervalSeconds: 0 });
    expect(s).toContain("\nBUCKET='a.b-c'\nURL='https://minio:9000/a.b-c'\nATTEMPTS=3\nINTERVAL=0\n");
    expect(s).toContain(` --cacert '/ca dir/it'\\''s.crt' `);
  });

  test('attempts and intervalSeconds must be whole numbers', () => {
    const base: CreateBucketScriptOptions = { bucket: 'b', endpoint: 'http://minio:9000' };
    expectInvalid(() => createBucketScript({ ...base, attempts: 0 }), 'attempts 0 is invalid: it must be a whole number of at least 1. Fix: use e.g. 60');
    expectInvalid(() => createBucketScript({ ...base, attempts: 1.5 }), 'attempts 1.5 is invalid: it must be a whole number of at least 1. Fix: use e.g. 60');
    expectInvalid(() => createBucketScript({ ...base, intervalSeconds: -1 }), 'intervalSeconds -1 is invalid: it must be a whole number of seconds, 0 or more. Fix: use e.g. 5');
    expectInvalid(() => createBucketScript({ ...base, intervalSeconds: bad('5') }), 'intervalSeconds "5" is invalid: it must be a whole number of seconds, 0 or more. Fix: use e.g. 5');
  });
});

// ---------------------------------------------------------------------------------------------
// The script, run with the real curl against a fake S3 API

const USER = 'minio-admin';
/** With the characters curl's config quoting must escape (\ and "), and ones the shell must not expand. */
const PASSWORD = `p"a\\ss w$rd'*`;
const sha256 = (data: string) => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (k: crypto.BinaryLike, data: string) => crypto.createHmac('sha256', k).update(data).digest();

/** Checks an AWS Signature Version 4 (S3, us-east-1) of a request without a body or query, as MinIO does. */
function signatureValid(req: http.IncomingMessage): boolean {
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/us-east-1\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const [, accessKey, date, signedHeaders, signature] = m;
  const amzDate = req.headers['x-amz-date'];
  if (accessKey !== USER || typeof amzDate !== 'string' || !amzDate.startsWith(date) || !signedHeaders.split(';').includes('host')) return false;
  // MinIO takes the hash of an empty payload when x-amz-content-sha256 is absent.
  const payloadHash = (req.headers['x-amz-content-sha256'] as string | undefined) ?? sha256('');
  const headers = signedHeaders.split(';').map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`).join('');
  const canonical = [req.method, req.url, '', headers, signedHeaders, payloadHash].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, `${date}/us-east-1/s3/aws4_request`, sha256(canonical)].join('\n');
  const key = ['us-east-1', 's3', 'aws4_request'].reduce((k, part) => hmac(k, part), hmac(`AWS4${PASSWORD}`, date));
  return hmac(key, toSign).toString('hex') === signature;
}

/** An S3 error body, as MinIO writes it. */
const s3Error = (code: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>message of ${code}</Message><BucketName>my-bucket</BucketName><Resource>/my-bucket</Resource><RequestId>17A</RequestId><HostId>dd9</HostId></Error>`;

/**
 * A fake MinIO that answers each request with the next of `answers` (a status, and an S3 error code
 * for the body), after checking the method, path and signature (403 SignatureDoesNotMatch otherwise).
 */
function fakeS3(answers: [number, string?][], log: string[]): http.Server {
  let next = 0;
  return http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      log.push(`${req.method} ${req.url}`);
      const [status, code] = req.method === 'PUT' && req.url === '/my-bucket' && signatureValid(req)
        ? answers[Math.min(next++, answers.length - 1)]
        : [403, 'SignatureDoesNotMatch'];
      res.writeHead(status, { 'Content-Type': 'application/xml' });
      res.end(code ? s3Error(code) : '');
    });
  });
}

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

const HAS_CURL = spawnSync('curl', ['--version']).status === 0;
const whichHost = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
const BUSYBOX_SH = whichHost('busybox');
/** A shell, and the programs the script may find: undefined for the host's PATH. */
const SHELLS: [string, string[], Record<string, string> | undefined][] = [['sh', ['sh'], undefined]];
if (BUSYBOX_SH) {
  // As in the image: busybox ash with busybox's sed, head and sleep, and curl.
  SHELLS.push(['busybox ash', [BUSYBOX_SH, 'sh'], { sed: BUSYBOX_SH, head: BUSYBOX_SH, sleep: BUSYBOX_SH, curl: whichHost('curl') }]);
}

(HAS_CURL ? describe.each(SHELLS) : describe.skip.each(SHELLS))('createBucketScript: run with curl against a fake S3 API (%s)', (_name, shell, programs) => {
  let PATH = process.env.PATH;
  let bin: string | undefined;
  beforeAll(() => {
    if (!programs) return;
    bin = fs.mkdtempSync(path.join(os.tmpdir(), 'minio-create-bucket-'));
    for (const [name, target] of Object.entries(programs)) fs.symlinkSync(target, path.join(bin, name));
    PATH = bin;
  });
  afterAll(() => {
    if (bin) fs.rmSync(bin, { recursive: true, force: true });
  });

  interface Run { status: number | null; stdout: string; stderr: string; log: string[]; url: string }

  /**
   * Runs the script (3 attempts, no wait) against a fake S3 API, or against a closed port (`answers`
   * undefined). With `caFile`, it calls the fake API (plain HTTP) with https.
   */
  async function run(answers: [number, string?][] | undefined, extra: Partial<CreateBucketScriptOptions> = {}, env: NodeJS.ProcessEnv = {}): Promise<Run> {
    const log: string[] = [];
    const server = fakeS3(answers ?? [], log);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    if (!answers) await new Promise((resolve) => server.close(resolve));
    try {
      const url = `${extra.caFile ? 'https' : 'http'}://127.0.0.1:${port}`;
      const script = createBucketScript({ bucket: 'my-bucket', endpoint: url, attempts: 3, intervalSeconds: 0, ...extra });
      const r = await runAsync([...shell, '-c', script], { PATH, MINIO_ROOT_USER: USER, MINIO_ROOT_PASSWORD: PASSWORD, ...env });
      expect(r.stdout + r.stderr).not.toContain(PASSWORD);
      expect(r.stdout + r.stderr).not.toContain(USER);
      return { ...r, log, url: `${url}/my-bucket` };
    } finally {
      if (answers) await new Promise((resolve) => server.close(resolve));
    }
  }

  test('503 (MinIO starting), then 200: waits, creates the bucket, exit 0', async () => {
    const r = await run([[503, 'XMinioServerNotInitialized'], [200]]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'MinIO is not ready (HTTP 503 XMinioServerNotInitialized); attempt 1 of 3, next in 0 seconds',
      'Bucket my-bucket: created',
      '',
    ].join('\n'));
    expect(r.status).toBe(0);
    expect(r.log).toEqual(['PUT /my-bucket', 'PUT /my-bucket']);
  });

  test.each(['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'])('409 %s: the bucket exists, exit 0', async (code) => {
    const r = await run([[409, code]]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Bucket my-bucket: exists already, kept as it is\n');
    expect(r.status).toBe(0);
    expect(r.log).toEqual(['PUT /my-bucket']);
  });

  test('a wrong signature: exit 1 at once, with the HTTP status and the S3 code only', async () => {
    const r = await run([[200]], {}, { MINIO_ROOT_PASSWORD: 'not-the-password' });
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`ERROR: creating bucket my-bucket at ${r.url}: HTTP 403 SignatureDoesNotMatch\n`);
    expect(r.status).toBe(1);
    expect(r.log).toEqual(['PUT /my-bucket']);
  });

  test.each([
    [[403, 'AccessDenied'], 'HTTP 403 AccessDenied'],
    [[409, 'OperationAborted'], 'HTTP 409 OperationAborted'],
    [[500], 'HTTP 500'],
  ] as [[number, string?], string][])('%j: exit 1 at once, no retry', async (answer, what) => {
    const r = await run([answer]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`ERROR: creating bucket my-bucket at ${r.url}: ${what}\n`);
    expect(r.status).toBe(1);
    expect(r.log).toEqual(['PUT /my-bucket']);
  });

  test('503 on every attempt: exit 1 after the last one', async () => {
    const r = await run([[503, 'XMinioServerNotInitialized']]);
    expect(r.stdout).toBe([1, 2].map((i) => `MinIO is not ready (HTTP 503 XMinioServerNotInitialized); attempt ${i} of 3, next in 0 seconds\n`).join(''));
    expect(r.stderr).toBe(`ERROR: MinIO at ${r.url} is not ready after 3 attempts (HTTP 503 XMinioServerNotInitialized)\n`);
    expect(r.status).toBe(1);
    expect(r.log).toEqual(['PUT /my-bucket', 'PUT /my-bucket', 'PUT /my-bucket']);
  });

  test('connection refused on every attempt: retried, then exit 1', async () => {
    const r = await run(undefined);
    expect(r.stdout).toBe([1, 2].map((i) => `MinIO is not ready (no answer, curl exit code 7); attempt ${i} of 3, next in 0 seconds\n`).join(''));
    expect(r.stderr).toMatch(/^(curl: \(7\) Failed to connect to 127\.0\.0\.1 port \d+.*\n){3}ERROR: MinIO at http:\/\/127\.0\.0\.1:\d+\/my-bucket is not ready after 3 attempts \(no answer, curl exit code 7\)\n$/);
    expect(r.status).toBe(1);
  });

  test('with TLS, an unreadable CA file is final: exit 1 at once with curl\'s exit code', async () => {
    const r = await run([[200]], { caFile: '/nonexistent/ca.crt' });
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^curl: \(77\) .*\nERROR: creating bucket my-bucket at https:\/\/127\.0\.0\.1:\d+\/my-bucket: no answer, curl exit code 77\n$/);
    expect(r.status).toBe(1);
    expect(r.log).toEqual([]);
  });

  test('empty credentials: exit 1 before calling MinIO', async () => {
    const r = await run([[200]], {}, { MINIO_ROOT_PASSWORD: '' });
    expect(r.stderr).toBe('ERROR: MINIO_ROOT_USER and MINIO_ROOT_PASSWORD must be set and not empty (from the MinIO Secret)\n');
    expect(r.status).toBe(1);
    expect(r.log).toEqual([]);
  });
});
