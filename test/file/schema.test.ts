/**
 * The JSON Schema of an options file: generated (the committed file is current), valid draft-07,
 * and in agreement with the run-time rules: every example passes both, every invalid file fails both.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { schemaText, SCHEMA_FILE } from '../../schema/generate';
import { optionsFromText } from '../../src/cli/options-file';
import { ValidationError } from '../../src/config/errors';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
const exampleFiles = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort();

const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const documents = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as unknown);

/** The schema's verdict on every document of a text: its errors, as "path message" lines. */
function schemaErrors(text: string): string[] {
  return documents(text).flatMap((doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)));
}

/** The run-time verdict: the problems of converting and resolving, or none. */
function runtimeProblems(text: string): readonly string[] {
  try {
    optionsFromText('options.yaml', text);
    return [];
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
}

test('the committed schema is what `npm run schema` generates', () => {
  expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText());
});

test('every preset has an options file, each naming the schema on its first line', () => {
  expect(exampleFiles.length).toBeGreaterThanOrEqual(11);
  for (const f of exampleFiles) {
    const text = fs.readFileSync(path.join(EXAMPLES, f), 'utf8');
    expect(`${f}: ${text.split('\n')[0]}`).toBe(`${f}: # yaml-language-server: $schema=../schema/argo-stack.schema.json`);
  }
});

test.each(exampleFiles)('examples/%s passes the schema and the run-time rules', (file) => {
  const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
  expect(schemaErrors(text)).toEqual([]);
  expect(runtimeProblems(text)).toEqual([]);
});

/** Invalid files, each rejected by the schema and by the run-time rules. */
const INVALID: Record<string, string> = {
  'unknown top-level key': 'namespace: argo\nnamespaces: [argo]\n',
  'unknown nested key': 'server:\n  replica: 2\n',
  'wrong type': 'server: false\n',
  'string instead of a list': 'workflowNamespaces: argo\n',
  'number instead of a string': 'namespace: 42\n',
  'enum value outside the list': 'scope: cluster-wide\n',
  'a form that does not exist': 'server:\n  tls:\n    plaintext: {}\n',
  'two forms at once': 'server:\n  tls:\n    selfSigned: {}\n    plainText: {}\n',
  'a form with an argument it does not take': 'persistence:\n  postgres:\n    credentials:\n      existing: { name: x }\n',
  'a form written as a string': 'server:\n  tls: selfSigned\n',
  'a string form given an object': 'server:\n  tls:\n    fromSecret: { name: argo-server-tls }\n',
  'an unknown option of a factory': 'artifactRepository:\n  s3:\n    bucket: my-bucket\n    bukcet: x\n',
  'an Ingress controller that does not exist': 'server:\n  exposure:\n    ingress:\n      controller: ngnix\n      hosts: [argo.example.com]\n      tls: { none: {} }\n',
  'an Ingress without its required tls': 'server:\n  exposure:\n    ingress:\n      controller: nginx\n      hosts: [argo.example.com]\n',
  'literal credentials': 'persistence:\n  postgres:\n    credentials: { username: argo, password: hunter2 }\n',
  'null for an option': 'namespace:\n',
  'a list where the options go': '- namespace: argo\n',
  'a workload identity in a wrong form': 'workloadIdentity:\n  server:\n    awsIRSA: arn:aws:iam::111122223333:role/x\n',
};

test.each(Object.entries(INVALID))('%s fails the schema and the run-time rules', (_name, text) => {
  expect(schemaErrors(text)).not.toEqual([]);
  expect(runtimeProblems(text)).not.toEqual([]);
});
