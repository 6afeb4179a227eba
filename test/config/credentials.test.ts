import {
  Credentials, CredentialsKind, DEFAULT_GENERATED_LENGTH, DEFAULT_REFRESH_INTERVAL, DEFAULT_STORE_KIND, kubectlHint, SecretSpec,
  validateCredentials, validateSecretSpec,
} from '../../src/config/credentials';
import { bad, expectInvalid } from './_helpers';

const OPT = 'persistence.postgres.credentials';
const FACTORIES = 'Fix: use Credentials.generated() (random values created in the cluster), Credentials.existing() (you create the Secret), '
  + 'Credentials.externalSecret({ storeName, remoteKey }) (External Secrets Operator) or Credentials.sealedSecret({ encryptedData }) (Sealed Secrets)';
const LITERAL = 'is invalid: it must be a Credentials value, not literal credentials: they would be written to dist/, which is committed to git';
const NOT_CREDENTIALS = 'is invalid: it must be a Credentials value made by one of its factories';
const SUBDOMAIN_RULE = 'it must be an RFC 1123 subdomain: at most 253 characters of lower-case letters, digits, "-" and ".", starting and ending with a letter or digit';
const KEY_RULE = 'a Secret key is 1-253 characters of letters, digits, "-", "_" and ".", and not "." or ".." or starting with ".."';
const LENGTH = 'is invalid: it must be a whole number of characters from 16 to 128. Fix: omit it for 32, or give a whole number from 16 to 128';
const SEAL_FIX = 'Fix: seal each value with: printf %s "$VALUE" | kubeseal --raw --scope cluster-wide --from-file=/dev/stdin';
const SEALED_RULE = 'a sealed value is the base64 text kubeseal prints, at least 128 characters; anything else is probably not sealed and would be committed to git as it is';

/** A value shaped like kubeseal output (base64, hundreds of characters). */
const sealed = (seed: string) => Buffer.from(seed.repeat(200)).toString('base64');
const SEALED_A = sealed('a');
const SEALED_B = sealed('b');

const spec = (source: Credentials, keys = ['username', 'password'], name = 'argo-postgres-config'): SecretSpec =>
  ({ name, keys, source, description: 'PostgreSQL user of the workflow archive' });

describe('Credentials factories', () => {
  test('generated(): GENERATED, every key random, length 32', () => {
    const c = Credentials.generated();
    expect(c.kind).toBe(CredentialsKind.GENERATED);
    expect(c.generated).toEqual({ fixed: {}, length: 32 });
    expect(DEFAULT_GENERATED_LENGTH).toBe(32);
    expect(c.externalSecret).toBeUndefined();
    expect(c.sealedSecret).toBeUndefined();
  });

  test('generated({ fixed, length }) keeps a copy of fixed', () => {
    const fixed = { username: 'argo' };
    const c = Credentials.generated({ fixed, length: 48 });
    fixed.username = 'changed';
    expect(c.generated).toEqual({ fixed: { username: 'argo' }, length: 48 });
  });

  test('existing(): EXISTING with no options', () => {
    const c = Credentials.existing();
    expect(c.kind).toBe(CredentialsKind.EXISTING);
    expect([c.generated, c.externalSecret, c.sealedSecret]).toEqual([undefined, undefined, undefined]);
  });

  test('externalSecret(): defaults ClusterSecretStore, 1h, properties named like the keys', () => {
    const c = Credentials.externalSecret({ storeName: 'vault', remoteKey: 'argo/postgres' });
    expect(c.kind).toBe(CredentialsKind.EXTERNAL_SECRET);
    expect(c.externalSecret).toEqual({ storeName: 'vault', storeKind: 'ClusterSecretStore', remoteKey: 'argo/postgres', properties: {}, refreshInterval: '1h' });
    expect([DEFAULT_STORE_KIND, DEFAULT_REFRESH_INTERVAL]).toEqual(['ClusterSecretStore', '1h']);
    expect(c.remoteProperty('password')).toBe('password');
  });

  test('externalSecret() with every option', () => {
    const c = Credentials.externalSecret({ storeName: 'aws', storeKind: 'SecretStore', remoteKey: 'prod/argo/db', properties: { password: 'db-password' }, refreshInterval: '15m' });
    expect(c.externalSecret).toEqual({ storeName: 'aws', storeKind: 'SecretStore', remoteKey: 'prod/argo/db', properties: { password: 'db-password' }, refreshInterval: '15m' });
    expect(c.remoteProperty('password')).toBe('db-password');
    expect(c.remoteProperty('username')).toBe('username');
  });

  test('sealedSecret(): SEALED_SECRET with a copy of encryptedData', () => {
    const encryptedData = { password: SEALED_A };
    const c = Credentials.sealedSecret({ encryptedData });
    encryptedData.password = 'changed';
    expect(c.kind).toBe(CredentialsKind.SEALED_SECRET);
    expect(c.sealedSecret).toEqual({ encryptedData: { password: SEALED_A } });
  });

  test('a Credentials value is frozen', () => {
    const c = Credentials.generated({ fixed: { username: 'argo' } });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.generated!.fixed)).toBe(true);
  });

  test('kinds are the four documented strings', () => {
    expect(Object.values(CredentialsKind)).toEqual(['generated', 'existing', 'external-secret', 'sealed-secret']);
  });
});

describe('validateCredentials: only Credentials values', () => {
  test.each([
    Credentials.generated(), Credentials.existing(),
    Credentials.externalSecret({ storeName: 'vault', remoteKey: 'argo/postgres' }),
    Credentials.sealedSecret({ encryptedData: { password: SEALED_A } }),
  ])('accepts %# and returns the same value', (c) => {
    expect(validateCredentials(OPT, c)).toBe(c);
  });

  test('rejects a literal { username, password } object without showing the values', () => {
    expectInvalid(() => validateCredentials(OPT, { username: 'u', password: 'p' }),
      `${OPT} {"username":"<redacted>","password":"<redacted>"} ${LITERAL}. ${FACTORIES}`);
  });

  test('rejects a password string without showing it', () => {
    expectInvalid(() => validateCredentials(OPT, 'hunter2'), `${OPT} "<redacted>" ${LITERAL}. ${FACTORIES}`);
  });

  test('the literal message never contains the value', () => {
    const literal = () => validateCredentials(OPT, { password: 'hunter2-s3cr3t' });
    expectInvalid(literal, `${OPT} {"password":"<redacted>"} ${LITERAL}. ${FACTORIES}`);
    expect(() => literal()).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2-s3cr3t') }));
  });

  test('rejects undefined, null, a number and a list as not Credentials', () => {
    expectInvalid(() => validateCredentials(OPT, undefined), `${OPT} undefined ${NOT_CREDENTIALS}. ${FACTORIES}`);
    expectInvalid(() => validateCredentials(OPT, null), `${OPT} null ${NOT_CREDENTIALS}. ${FACTORIES}`);
    expectInvalid(() => validateCredentials(OPT, 1234), `${OPT} "<redacted>" ${NOT_CREDENTIALS}. ${FACTORIES}`);
    expectInvalid(() => validateCredentials(OPT, ['u', 'p']), `${OPT} "<redacted>" ${NOT_CREDENTIALS}. ${FACTORIES}`);
  });

  test('rejects an object that only looks like a Credentials value', () => {
    expectInvalid(() => validateCredentials(OPT, { kind: 'generated' }), `${OPT} {"kind":"<redacted>"} ${LITERAL}. ${FACTORIES}`);
  });
});

describe('validateCredentials: generated()', () => {
  test.each([16, 32, 128])('accepts length %d', (length) => {
    const c = Credentials.generated({ length });
    expect(validateCredentials(OPT, c)).toBe(c);
  });

  test.each([
    [15, '15'], [129, '129'], [32.5, '32.5'], [0, '0'], ['32', '"32"'], [Number.NaN, 'NaN'],
  ])('rejects length %p', (length, shown) => {
    expectInvalid(() => validateCredentials(OPT, Credentials.generated({ length: bad(length) })), `${OPT}.length ${shown} ${LENGTH}`);
  });

  test('rejects fixed that is not an object', () => {
    expectInvalid(() => validateCredentials(OPT, Credentials.generated({ fixed: bad('argo') })),
      `${OPT}.fixed "<redacted>" is invalid: it must be an object of Secret key to non-secret value, e.g. { username: "argo" }. Fix: give an object, or omit it to make every key random`);
  });

  test('rejects a fixed key that is not a Secret key', () => {
    expectInvalid(() => validateCredentials(OPT, Credentials.generated({ fixed: { 'user name': 'argo' } })),
      `${OPT}.fixed key "user name" is invalid: ${KEY_RULE}. Fix: use the name of one of the Secret's keys`);
    expectInvalid(() => validateCredentials(OPT, Credentials.generated({ fixed: { '..': 'argo' } })),
      `${OPT}.fixed key ".." is invalid: ${KEY_RULE}. Fix: use the name of one of the Secret's keys`);
  });

  test.each(['password', 'db_PASSWD', 'clientSecret', 'secretkey', 'token', 'AWS_ACCESS_KEY_ID', 'ssh_private_key', 'credentials'])(
    'rejects a fixed value for the credential-looking key %j, without showing the value', (key) => {
      expectInvalid(() => validateCredentials(OPT, Credentials.generated({ fixed: { [key]: 'hunter2' } })),
        `${OPT}.fixed key ${JSON.stringify(key)} is invalid: a fixed value is written to dist/, which is committed to git, so it must not be a credential, and this key's name says it is one (it contains PASSWORD, PASSWD, SECRET, TOKEN, ACCESS_KEY, PRIVATE_KEY or CREDENTIAL). Fix: remove ${JSON.stringify(key)} from fixed so that its value is generated at random`);
    },
  );

  test.each([
    ['', '""'], ['a'.repeat(257), JSON.stringify('a'.repeat(257))], ['ar\ngo', '"ar\\ngo"'], [42, '42'],
  ])('rejects the fixed value %j', (value, shown) => {
    expectInvalid(() => validateCredentials(OPT, Credentials.generated({ fixed: { username: bad(value) } })),
      `${OPT}.fixed["username"] ${shown} is invalid: a fixed value must be a string of 1-256 characters without control characters. Fix: give a string, or remove "username" from fixed so that its value is generated at random`);
  });

  test('accepts fixed values with quotes, spaces and unicode (they are quoted in the script)', () => {
    const quoted = Credentials.generated({ fixed: { username: `o'brien "x" $HOME é` } });
    expect(validateCredentials(OPT, quoted)).toBe(quoted);
    const long = Credentials.generated({ fixed: { accesskey: 'a'.repeat(256) } });
    expect(validateCredentials(OPT, long)).toBe(long);
  });
});

describe('validateCredentials: externalSecret()', () => {
  const ext = (o: Record<string, unknown>) => Credentials.externalSecret(bad({ storeName: 'vault', remoteKey: 'argo/postgres', ...o }));

  test.each(['', 'Vault_Store', undefined])('rejects storeName %j', (storeName) => {
    const suggestion = storeName === 'Vault_Store' ? 'vault-store' : 'argo';
    expectInvalid(() => validateCredentials(OPT, ext({ storeName })),
      `${OPT}.storeName ${storeName === undefined ? 'undefined' : JSON.stringify(storeName)} is invalid: ${SUBDOMAIN_RULE}. Fix: use a name like "${suggestion}"`);
  });

  test('rejects storeKind other than ClusterSecretStore and SecretStore', () => {
    expectInvalid(() => validateCredentials(OPT, ext({ storeKind: 'Store' })),
      `${OPT}.storeKind "Store" is invalid: it must be "ClusterSecretStore" or "SecretStore". Fix: omit it for "ClusterSecretStore", or use "SecretStore" for a store in each namespace`);
  });

  test.each(['argo/postgres', 'prod/argo/db', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:argo-db-AbCdEf', 'argo_db.v2', 'a'.repeat(512)])(
    'accepts remoteKey %j', (remoteKey) => {
      const c = ext({ remoteKey });
      expect(validateCredentials(OPT, c)).toBe(c);
    },
  );

  test.each([[''], ['argo postgres'], ['a'.repeat(513)], [undefined], ['"x"']])('rejects remoteKey %j', (remoteKey) => {
    expectInvalid(() => validateCredentials(OPT, ext({ remoteKey })),
      `${OPT}.remoteKey ${remoteKey === undefined ? 'undefined' : JSON.stringify(remoteKey)} is invalid: it must be the name or path of the secret in the store: 1-512 characters of letters, digits and "_", ".", "/", "+", "=", "@", ":", "-". Fix: give the key as the store names it, e.g. "argo/postgres"`);
  });

  test('rejects properties that are not an object', () => {
    expectInvalid(() => validateCredentials(OPT, ext({ properties: ['password'] })),
      `${OPT}.properties ["password"] is invalid: it must be an object of Secret key to remote property, e.g. { password: "db-password" }. Fix: give an object, or omit it to read the property named like each key`);
  });

  test('rejects a properties key that is not a Secret key', () => {
    expectInvalid(() => validateCredentials(OPT, ext({ properties: { 'pass word': 'pw' } })),
      `${OPT}.properties key "pass word" is invalid: ${KEY_RULE}. Fix: use the name of one of the Secret's keys`);
  });

  test.each([[''], ['db password'], [7]])('rejects the remote property %j', (property) => {
    expectInvalid(() => validateCredentials(OPT, ext({ properties: { password: property } })),
      `${OPT}.properties["password"] ${JSON.stringify(property)} is invalid: a remote property must be a string of 1-512 characters without spaces or control characters. Fix: give the property of the remote secret that holds "password", or remove "password" to read the property "password"`);
  });

  test.each(['1h', '15m', '1h30m', '90s', '500ms', '1.5h', '0', '0s'])('accepts refreshInterval %j', (refreshInterval) => {
    const c = ext({ refreshInterval });
    expect(validateCredentials(OPT, c)).toBe(c);
  });

  test.each(['1 hour', '-1h', '1d', '', 'h', '10'])('rejects refreshInterval %j', (refreshInterval) => {
    expectInvalid(() => validateCredentials(OPT, ext({ refreshInterval })),
      `${OPT}.refreshInterval ${JSON.stringify(refreshInterval)} is invalid: it must be a Go duration such as "1h", "15m" or "1h30m" ("0" reads the store once). Fix: omit it for "1h", or write a duration with a unit`);
  });
});

describe('validateCredentials: sealedSecret()', () => {
  const seal = (encryptedData: unknown) => Credentials.sealedSecret(bad({ encryptedData }));

  test.each([[{}, '{}'], [undefined, 'undefined'], [['x'], '"<redacted>"']])('rejects encryptedData %j', (data, shown) => {
    expectInvalid(() => validateCredentials(OPT, seal(data)),
      `${OPT}.encryptedData ${shown} is invalid: it must map every Secret key to its sealed value. ${SEAL_FIX}`);
  });

  test('rejects an encryptedData key that is not a Secret key', () => {
    expectInvalid(() => validateCredentials(OPT, seal({ 'pass/word': SEALED_A })),
      `${OPT}.encryptedData key "pass/word" is invalid: ${KEY_RULE}. Fix: use the name of one of the Secret's keys`);
  });

  test.each([['hunter2'], ['x'.repeat(127)], [`${'A'.repeat(200)}!`], [12345], [undefined]])('rejects the value %#, without showing it', (value) => {
    expectInvalid(() => validateCredentials(OPT, seal({ password: value })), `${OPT}.encryptedData["password"] ${value === undefined ? 'undefined' : '"<redacted>"'} is invalid: ${SEALED_RULE}. ${SEAL_FIX}`);
  });

  test('accepts a value of 128 base64 characters with padding', () => {
    const c = seal({ password: `${'A'.repeat(126)}==` });
    expect(validateCredentials(OPT, c)).toBe(c);
  });
});

describe('validateSecretSpec', () => {
  test('accepts a valid spec of each kind and returns it', () => {
    for (const source of [
      Credentials.generated({ fixed: { username: 'argo' } }), Credentials.existing(),
      Credentials.externalSecret({ storeName: 'vault', remoteKey: 'argo/postgres', properties: { password: 'pw' } }),
      Credentials.sealedSecret({ encryptedData: { username: SEALED_A, password: SEALED_B } }),
    ]) {
      const s = spec(source);
      expect(validateSecretSpec(OPT, s)).toBe(s);
    }
  });

  test('rejects a spec that is not an object', () => {
    expectInvalid(() => validateSecretSpec(OPT, bad('argo-postgres-config')),
      `${OPT} Secret "<redacted>" is invalid: it must be a SecretSpec { name, keys, source, description }. Fix: build the spec with those four fields`);
  });

  test('rejects a name that is not an RFC 1123 subdomain', () => {
    expectInvalid(() => validateSecretSpec(OPT, spec(Credentials.existing(), ['password'], 'Argo_Postgres')),
      `${OPT} Secret name "Argo_Postgres" is invalid: ${SUBDOMAIN_RULE}. Fix: use a name like "argo-postgres"`);
  });

  test.each([[[], '[]'], ['password', '"password"'], [undefined, 'undefined']])('rejects keys %j', (keys, shown) => {
    expectInvalid(() => validateSecretSpec(OPT, { ...spec(Credentials.existing()), keys: bad(keys) }),
      `${OPT} Secret keys ${shown} is invalid: a Secret needs a list of at least one key. Fix: list the keys the consumers read, e.g. ["username", "password"]`);
  });

  test('rejects a key that is not a string', () => {
    expectInvalid(() => validateSecretSpec(OPT, spec(Credentials.existing(), bad(['password', 1]))),
      `${OPT} Secret key 1 is invalid: a Secret key is a string. Fix: give the key as a string`);
  });

  test.each(['', 'pass word', '.', '..', '..data', 'a/b', 'k'.repeat(254)])('rejects the key %j', (key) => {
    expectInvalid(() => validateSecretSpec(OPT, spec(Credentials.existing(), [key])),
      `${OPT} Secret key ${JSON.stringify(key)} is invalid: ${KEY_RULE}. Fix: rename the key`);
  });

  test.each(['tls.crt', 'ca-bundle_v2', '.dotfile', 'K'.repeat(253)])('accepts the key %j', (key) => {
    const s = spec(Credentials.existing(), [key]);
    expect(validateSecretSpec(OPT, s)).toBe(s);
  });

  test('rejects a key listed twice', () => {
    expectInvalid(() => validateSecretSpec(OPT, spec(Credentials.existing(), ['username', 'password', 'username'])),
      `${OPT} Secret keys ["username","password","username"] is invalid: they list "username" twice; each key may appear once. Fix: remove the second "username"`);
  });

  test.each([[''], ['  '], ['two\nlines'], [undefined]])('rejects the description %j', (description) => {
    expectInvalid(() => validateSecretSpec(OPT, { ...spec(Credentials.existing()), description: bad(description) }),
      `${OPT} Secret description ${description === undefined ? 'undefined' : JSON.stringify(description)} is invalid: it must be one non-empty line saying who uses the Secret. Fix: describe the consumer, e.g. "PostgreSQL user of the workflow archive"`);
  });

  test('rejects a literal source like validateCredentials', () => {
    expectInvalid(() => validateSecretSpec(OPT, spec(bad({ username: 'u', password: 'p' }))),
      `${OPT} {"username":"<redacted>","password":"<redacted>"} ${LITERAL}. ${FACTORIES}`);
  });

  test('checks the source options too', () => {
    expectInvalid(() => validateSecretSpec(OPT, spec(Credentials.generated({ length: 8 }))), `${OPT}.length 8 ${LENGTH}`);
  });

  test('generated: a fixed key must be a key of the Secret', () => {
    expectInvalid(() => validateSecretSpec(OPT, spec(Credentials.generated({ fixed: { user: 'argo' } }))),
      `${OPT}.fixed key "user" is invalid: it is not a key of Secret "argo-postgres-config" (keys: "username", "password"). Fix: use one of those keys, or remove "user"`);
  });

  test('generated: at least one key stays random', () => {
    const s = spec(Credentials.generated({ fixed: { username: 'argo' } }));
    expect(validateSecretSpec(OPT, s)).toBe(s);
    expectInvalid(() => validateSecretSpec(OPT, spec(Credentials.generated({ fixed: { username: 'argo', database: 'argo' } }), ['username', 'database'])),
      `${OPT}.fixed gives every key of Secret "argo-postgres-config" ("username", "database") a fixed value, so nothing would be random and every value would be in dist/. Fix: leave at least one key, such as the password, out of fixed, or use Credentials.existing() and create the Secret yourself`);
  });

  test('externalSecret: a properties key must be a key of the Secret', () => {
    expectInvalid(() => validateSecretSpec(OPT, spec(Credentials.externalSecret({ storeName: 'vault', remoteKey: 'argo/postgres', properties: { pass: 'pw' } }))),
      `${OPT}.properties key "pass" is invalid: it is not a key of Secret "argo-postgres-config" (keys: "username", "password"). Fix: use one of those keys, or remove "pass"`);
  });

  test('sealedSecret: no value for a key that the Secret does not have', () => {
    expectInvalid(() => validateSecretSpec(OPT, spec(Credentials.sealedSecret({ encryptedData: { username: SEALED_A, password: SEALED_B, extra: SEALED_A } }))),
      `${OPT}.encryptedData key "extra" is invalid: it is not a key of Secret "argo-postgres-config" (keys: "username", "password"). Fix: use one of those keys, or remove "extra"`);
  });

  test('sealedSecret: a value for every key', () => {
    expectInvalid(() => validateSecretSpec(OPT, spec(Credentials.sealedSecret({ encryptedData: { username: SEALED_A } }))),
      `${OPT}.encryptedData has no sealed value for key "password" of Secret "argo-postgres-config": a sealed secret must seal every key. Fix: seal the missing values with: printf %s "$VALUE" | kubeseal --raw --scope cluster-wide --from-file=/dev/stdin`);
    expectInvalid(() => validateSecretSpec(OPT, spec(Credentials.sealedSecret({ encryptedData: { username: SEALED_A } }), ['username', 'password', 'database'])),
      `${OPT}.encryptedData has no sealed value for keys "password", "database" of Secret "argo-postgres-config": a sealed secret must seal every key. Fix: seal the missing values with: printf %s "$VALUE" | kubeseal --raw --scope cluster-wide --from-file=/dev/stdin`);
  });
});

describe('kubectlHint', () => {
  test('one --from-literal per key, in the order of the spec', () => {
    expect(kubectlHint(spec(Credentials.existing()), 'argo')).toBe(
      'kubectl create secret generic argo-postgres-config -n argo --from-literal=username=... --from-literal=password=...');
  });

  test('one key, another namespace', () => {
    expect(kubectlHint(spec(Credentials.existing(), ['token'], 'argo-server-sso'), 'wf')).toBe(
      'kubectl create secret generic argo-server-sso -n wf --from-literal=token=...');
  });
});
