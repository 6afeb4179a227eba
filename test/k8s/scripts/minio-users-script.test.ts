/** minioUsersScript: the text of the MinIO users Job's script, and the script run with a fake `mc`. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { minioTenantPolicy } from '../../../src/config/storage/minio-tenants';
import { MinioUsersScriptOptions, minioUsersScript } from '../../../src/k8s/scripts/minio-users-script';
import { expectInvalid } from '../../config/_helpers';

const user = (namespace: string) => ({
  namespace, user: `argo-${namespace}`, secretName: `minio-user-${namespace}`,
  policy: JSON.stringify(minioTenantPolicy('my-bucket', namespace)), allows: `prefix ${namespace}/ of bucket my-bucket`,
});
const ROOT_PASSWORD = `r00t p"a$s'w*rd`;
const SECRETS: Record<string, string> = { 'team-a': 'SecretOfTeamA123', 'team-b': 'SecretOfTeamB456' };

describe('minioUsersScript: text', () => {
  const script = minioUsersScript({ endpoint: 'http://minio.argo.svc:9000/', credentialsDir: '/credentials', configDir: '/tmp/mc', users: [user('team-a')] });

  test('is valid POSIX sh (sh -n)', () => {
    const r = spawnSync('sh', ['-n', '-c', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('settings, quoted; a trailing / of the endpoint is dropped', () => {
    expect(script).toContain("\nENDPOINT='http://minio.argo.svc:9000'\nCREDENTIALS='/credentials'\nMC_CONFIG_DIR='/tmp/mc'\nexport MC_CONFIG_DIR\nPOLICY_FILE='/tmp/mc/policy.json'\nATTEMPTS=60\nINTERVAL=5\n");
  });

  test('one section per namespace: the access key is checked, the policy written, then created, the user added, the policy attached', () => {
    const section = script.slice(script.indexOf('# --- Workflow namespace'), script.indexOf('\nunset root_user'));
    expect(section.split('\n')).toEqual([
      '# --- Workflow namespace "team-a": user and policy "argo-team-a", prefix team-a/ of bucket my-bucket.',
      `user_key=$(key 'the access key of Secret minio-user-team-a' "$CREDENTIALS/namespaces/"'team-a'/accesskey)`,
      `if [ "$user_key" != 'argo-team-a' ]; then`,
      `  echo 'ERROR: Secret minio-user-team-a has another access key than argo-team-a: delete the Secret so that it is generated again' >&2`,
      '  exit 1',
      'fi',
      `user_secret=$(key 'the secret key of Secret minio-user-team-a' "$CREDENTIALS/namespaces/"'team-a'/secretkey)`,
      `printf '%s' '${JSON.stringify(minioTenantPolicy('my-bucket', 'team-a'))}' >"$POLICY_FILE"`,
      `attempt 'Policy argo-team-a' create_policy 'argo-team-a'`,
      `attempt 'User argo-team-a' add_user 'argo-team-a'`,
      `attempt 'Policy argo-team-a attached to user argo-team-a' attach_policy 'argo-team-a'`,
      'unset user_key user_secret',
      '',
    ]);
  });

  test('keys are on no command line: mc gets them on stdin (never --json, which would print them)', () => {
    expect(script).not.toContain('--json');
    expect(script).toContain(`printf '%s\\n%s\\n' "$root_user" "$root_secret" | mc alias set root "$ENDPOINT"`);
    expect(script).toContain(`printf '%s\\n' "$user_secret" | mc admin user add root "$1"`);
  });

  test('attempts and intervalSeconds must be whole numbers', () => {
    const base: MinioUsersScriptOptions = { endpoint: 'http://minio:9000', credentialsDir: '/c', configDir: '/tmp/mc', users: [] };
    expectInvalid(() => minioUsersScript({ ...base, attempts: 0 }), 'attempts 0 is invalid: it must be a whole number of at least 1. Fix: use e.g. 60');
    expectInvalid(() => minioUsersScript({ ...base, intervalSeconds: -1 }), 'intervalSeconds -1 is invalid: it must be a whole number of seconds, 0 or more. Fix: use e.g. 5');
  });
});

// ---------------------------------------------------------------------------------------------
// The script, run with a fake mc that keeps MinIO's users and policies in files

/**
 * A fake `mc`: records each call (arguments and stdin) and keeps state in $STATE. `alias set` fails
 * while $STATE/down-count is above 0 (MinIO not ready); `policy attach` of an attached policy fails
 * like MinIO ("already in effect").
 */
const FAKE_MC = String.raw`#!/bin/sh
set -eu
stdin=$(cat)
printf '%s\n' "$*" >>"$STATE/calls"
printf '%s\n' "$stdin" >>"$STATE/stdin"
case "$1 $2" in
  'alias set')
    down=$(cat "$STATE/down-count" 2>/dev/null || echo 0)
    if [ "$down" -gt 0 ]; then echo $((down - 1)) >"$STATE/down-count"; echo 'mc: <ERROR> Unable to initialize new alias. dial tcp: connection refused' >&2; exit 1; fi
    printf '%s' "$stdin" >"$STATE/root" ;;
  'admin policy')
    case "$3" in
      create) cp "$6" "$STATE/policy-$5" ;;
      attach)
        if [ -e "$STATE/attached-$5" ]; then echo 'mc: <ERROR> Unable to make user/group policy association. The specified policy change is already in effect.' >&2; exit 1; fi
        [ -e "$STATE/user-$5" ] || { echo 'mc: <ERROR> user does not exist' >&2; exit 1; }
        touch "$STATE/attached-$5" ;;
    esac ;;
  'admin user') printf '%s' "$stdin" >"$STATE/user-$5" ;;
esac
`;

function setup(): { dir: string; state: string; bin: string; creds: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minio-users-'));
  const state = path.join(dir, 'state');
  const bin = path.join(dir, 'bin');
  const creds = path.join(dir, 'credentials');
  for (const d of [state, bin, path.join(creds, 'root')]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(bin, 'mc'), FAKE_MC, { mode: 0o755 });
  fs.writeFileSync(path.join(creds, 'root', 'accesskey'), 'admin');
  fs.writeFileSync(path.join(creds, 'root', 'secretkey'), ROOT_PASSWORD);
  for (const [ns, secret] of Object.entries(SECRETS)) {
    fs.mkdirSync(path.join(creds, 'namespaces', ns), { recursive: true });
    fs.writeFileSync(path.join(creds, 'namespaces', ns, 'accesskey'), `argo-${ns}`);
    fs.writeFileSync(path.join(creds, 'namespaces', ns, 'secretkey'), secret);
  }
  return { dir, state, bin, creds };
}

function run(env: ReturnType<typeof setup>, extra: Partial<MinioUsersScriptOptions> = {}) {
  const script = minioUsersScript({
    endpoint: 'http://minio:9000', credentialsDir: env.creds, configDir: path.join(env.dir, 'mc'), users: [user('team-a'), user('team-b')], intervalSeconds: 0, ...extra,
  });
  fs.mkdirSync(path.join(env.dir, 'mc'), { recursive: true });
  return spawnSync('sh', ['-c', script], { encoding: 'utf8', env: { PATH: `${env.bin}:${process.env.PATH}`, STATE: env.state } });
}
const read = (env: ReturnType<typeof setup>, file: string) => fs.readFileSync(path.join(env.state, file), 'utf8');

describe('minioUsersScript: run with a fake mc', () => {
  test('creates each policy, user and attachment; keys only on stdin; again: the same, attach "already in effect" is fine', () => {
    const env = setup();
    const first = run(env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    for (const [ns, secret] of Object.entries(SECRETS)) {
      expect(JSON.parse(read(env, `policy-argo-${ns}`))).toEqual(minioTenantPolicy('my-bucket', ns));
      // (The fake reads stdin with $(cat), which drops the final newline.)
      expect(read(env, `user-argo-${ns}`)).toBe(secret);
      expect(fs.existsSync(path.join(env.state, `attached-argo-${ns}`))).toBe(true);
    }
    expect(read(env, 'root')).toBe(`admin\n${ROOT_PASSWORD}`);
    const calls = read(env, 'calls').trim().split('\n');
    expect(calls).toEqual([
      'alias set root http://minio:9000',
      `admin policy create root argo-team-a ${path.join(env.dir, 'mc', 'policy.json')}`,
      'admin user add root argo-team-a',
      'admin policy attach root argo-team-a --user argo-team-a',
      `admin policy create root argo-team-b ${path.join(env.dir, 'mc', 'policy.json')}`,
      'admin user add root argo-team-b',
      'admin policy attach root argo-team-b --user argo-team-b',
    ]);
    for (const secret of [ROOT_PASSWORD, ...Object.values(SECRETS)]) {
      expect(calls.join('\n')).not.toContain(secret);
      expect(first.stdout).not.toContain(secret);
    }
    expect(first.stdout.trim().split('\n').at(-1)).toBe('Done: every workflow namespace has its MinIO user.');

    const again = run(env);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Policy argo-team-a attached to user argo-team-a: done');
  });

  test('waits while MinIO is not ready, then goes on', () => {
    const env = setup();
    fs.writeFileSync(path.join(env.state, 'down-count'), '2');
    const r = run(env);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('MinIO at http://minio:9000, as the root user: not yet (mc: <ERROR> Unable to initialize new alias. dial tcp: connection refused); attempt 1 of 60, next in 0 seconds');
    expect(r.stdout).toContain('MinIO at http://minio:9000, as the root user: done');
  });

  test('gives up after ATTEMPTS tries, with the last error', () => {
    const env = setup();
    fs.writeFileSync(path.join(env.state, 'down-count'), '9');
    const r = run(env, { attempts: 2 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('ERROR: MinIO at http://minio:9000, as the root user: failed 2 times: mc: <ERROR> Unable to initialize new alias. dial tcp: connection refused\n');
  });

  test('a user Secret with another access key, or without its secret key, stops the Job', () => {
    const env = setup();
    fs.writeFileSync(path.join(env.creds, 'namespaces', 'team-b', 'accesskey'), 'someone-else');
    const r = run(env);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('ERROR: Secret minio-user-team-b has another access key than argo-team-b: delete the Secret so that it is generated again\n');
    const env2 = setup();
    fs.writeFileSync(path.join(env2.creds, 'namespaces', 'team-a', 'secretkey'), '');
    const r2 = run(env2);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toBe(`ERROR: the secret key of Secret minio-user-team-a is missing or empty (${env2.creds}/namespaces/team-a/secretkey)\n`);
  });

  test('mc output that holds a key is not printed', () => {
    const env = setup();
    fs.writeFileSync(path.join(env.bin, 'mc'), `#!/bin/sh\ncat >/dev/null\necho "mc: <ERROR> refused ${ROOT_PASSWORD.replace(/["$]/g, '\\$&')}" >&2\nexit 1\n`, { mode: 0o755 });
    const r = run(env, { attempts: 1 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('ERROR: MinIO at http://minio:9000, as the root user: failed 1 times: <hidden: it holds a key>\n');
  });
});
