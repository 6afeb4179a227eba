/**
 * The plain-data forms of the option classes, for options read from a file. Each class with static
 * factories (`Credentials`, `ArtifactRepository`, `Exposure`, ...) is written as an object with
 * exactly one key, the factory's name, whose value is the factory's argument:
 *
 * | the factory takes | its form                                   | example                                   |
 * |-------------------|--------------------------------------------|-------------------------------------------|
 * | nothing           | `{ <factory>: {} }`                        | `{ existing: {} }`, `{ selfSigned: {} }`  |
 * | a string          | `{ <factory>: "<string>" }`                | `{ fromSecret: argo-server-tls }`         |
 * | an options object | `{ <factory>: { ...options } }`            | `{ s3: { bucket: my-bucket } }`           |
 *
 * A class whose factories all take nothing (`IngressController`) is written as the factory's name
 * alone: `controller: nginx`. Fields of a factory's options that take a class themselves
 * (`Exposure.ingress`'s `controller` and `tls`) are listed in `variants` and converted the same way.
 * This table is the one definition the converter and the JSON Schema generator share.
 */
import { Sso } from '../auth/sso';
import { Credentials } from '../credentials';
import { Exposure } from '../exposure/exposure';
import { IngressController } from '../exposure/ingress-controller';
import { IngressTls, ServerTls } from '../exposure/tls';
import { WorkloadIdentity } from '../identity/workload-identity';
import { ArtifactRepository } from '../storage/artifact-repository';
import type { OptionVariant } from '../variant';

/** The option classes with a plain-data form. */
export type VariantName = 'Credentials' | 'ArtifactRepository' | 'Exposure' | 'IngressController' | 'IngressTls' | 'ServerTls' | 'Sso' | 'WorkloadIdentity';

/** What a factory takes: nothing (the form's value is `{}`), a string, or an options object. */
export type FormArgument = 'none' | 'string' | 'object';

/** One factory of an option class, as a form of the file. */
export interface VariantForm {
  /** What the factory takes. */
  readonly takes: FormArgument;
  /**
   * Builds the instance from the form's value (an options object with its own `variants` already
   * converted, a string, or nothing); `path` is the option path of the instance, for messages.
   */
  readonly make: (value: never, path: string) => OptionVariant;
  /** Fields of the options object that hold option classes themselves. @default - none */
  readonly variants?: Readonly<Record<string, VariantName>>;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyArg = any;

/** Every option class and its forms, by factory name (the factory names of the TypeScript API). */
export const VARIANTS = {
  Credentials: {
    generated: { takes: 'object', make: (o: AnyArg) => Credentials.generated(o) },
    existing: { takes: 'none', make: () => Credentials.existing() },
    externalSecret: { takes: 'object', make: (o: AnyArg) => Credentials.externalSecret(o) },
    sealedSecret: { takes: 'object', make: (o: AnyArg) => Credentials.sealedSecret(o) },
  },
  ArtifactRepository: {
    s3: { takes: 'object', make: (o: AnyArg, p: string) => ArtifactRepository.s3(o, p) },
    gcs: { takes: 'object', make: (o: AnyArg, p: string) => ArtifactRepository.gcs(o, p) },
    azure: { takes: 'object', make: (o: AnyArg, p: string) => ArtifactRepository.azure(o, p) },
    oss: { takes: 'object', make: (o: AnyArg, p: string) => ArtifactRepository.oss(o, p) },
    artifactory: { takes: 'object', make: (o: AnyArg, p: string) => ArtifactRepository.artifactory(o, p) },
    hdfs: { takes: 'object', make: (o: AnyArg, p: string) => ArtifactRepository.hdfs(o, p) },
    plugin: { takes: 'object', make: (o: AnyArg, p: string) => ArtifactRepository.plugin(o, p) },
  },
  Exposure: {
    clusterIp: { takes: 'none', make: () => Exposure.clusterIp() },
    loadBalancer: { takes: 'object', make: (o: AnyArg) => Exposure.loadBalancer(o) },
    ingress: { takes: 'object', make: (o: AnyArg) => Exposure.ingress(o), variants: { controller: 'IngressController', tls: 'IngressTls' } },
    gateway: { takes: 'object', make: (o: AnyArg) => Exposure.gateway(o) },
  },
  IngressController: {
    nginx: { takes: 'none', make: () => IngressController.nginx() },
    traefik: { takes: 'none', make: () => IngressController.traefik() },
    traefikV1: { takes: 'none', make: () => IngressController.traefikV1() },
  },
  IngressTls: {
    secret: { takes: 'string', make: (name: AnyArg) => IngressTls.secret(name) },
    certManager: { takes: 'object', make: (o: AnyArg) => IngressTls.certManager(o) },
    none: { takes: 'none', make: () => IngressTls.none() },
  },
  ServerTls: {
    selfSigned: { takes: 'none', make: () => ServerTls.selfSigned() },
    fromSecret: { takes: 'string', make: (name: AnyArg) => ServerTls.fromSecret(name) },
    certManager: { takes: 'object', make: (o: AnyArg) => ServerTls.certManager(o) },
    plainText: { takes: 'none', make: () => ServerTls.plainText() },
  },
  Sso: {
    oidc: { takes: 'object', make: (o: AnyArg) => Sso.oidc(o) },
    argoCdDex: { takes: 'object', make: (o: AnyArg) => Sso.argoCdDex(o) },
  },
  WorkloadIdentity: {
    awsIrsa: { takes: 'string', make: (arn: AnyArg, p: string) => WorkloadIdentity.awsIrsa(arn, p) },
    awsPodIdentity: { takes: 'none', make: () => WorkloadIdentity.awsPodIdentity() },
    gke: { takes: 'string', make: (email: AnyArg, p: string) => WorkloadIdentity.gke(email, p) },
    azure: { takes: 'string', make: (clientId: AnyArg, p: string) => WorkloadIdentity.azure(clientId, p) },
    alibabaRrsa: { takes: 'string', make: (role: AnyArg, p: string) => WorkloadIdentity.alibabaRrsa(role, p) },
  },
} as const satisfies Record<VariantName, Record<string, VariantForm>>;


/** The forms of a class. */
export function formsOf(name: VariantName): Readonly<Record<string, VariantForm>> {
  return VARIANTS[name];
}

/** A class whose factories all take nothing is written as the factory's name alone (`controller: nginx`). */
export function writtenAsName(name: VariantName): boolean {
  return Object.values(formsOf(name)).every((f) => f.takes === 'none');
}

/**
 * Every option that takes a class, by option path (`[]` for the items of a list, `{}` for the
 * values of a map). The converter changes the data only at these paths (and at the `variants` of
 * their forms); a test compares this table with the option types, so a new class-typed option
 * cannot be missed.
 */
export const VARIANT_OPTIONS: Readonly<Record<string, VariantName>> = {
  'minio.credentials': 'Credentials',
  'artifactRepository': 'ArtifactRepository',
  'artifactRepositories.repositories{}': 'ArtifactRepository',
  'secrets[].credentials': 'Credentials',
  'server.exposure': 'Exposure',
  'server.tls': 'ServerTls',
  'workflowNamespaces[].workloadIdentity': 'WorkloadIdentity',
  'workflowNamespaces[].artifactGCWorkloadIdentity': 'WorkloadIdentity',
  'persistence.postgres.credentials': 'Credentials',
  'persistence.mysql.credentials': 'Credentials',
  'workloadIdentity.server': 'WorkloadIdentity',
  'workloadIdentity.workflows': 'WorkloadIdentity',
  'workloadIdentity.artifactGC': 'WorkloadIdentity',
  'sso': 'Sso',
};
