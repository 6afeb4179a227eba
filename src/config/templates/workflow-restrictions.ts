/**
 * Strict templates and executor tokens, two settings of a locked-down cluster:
 *
 * - `workflowRestrictions`: Argo's `templateReferencing` (`Strict`: only workflows that reference a
 *   WorkflowTemplate; `Secure`: the same, and the template may not change while it runs), with an
 *   example WorkflowTemplate in each workflow namespace so a strict install is usable at once;
 * - `workflowServiceAccountTokens`: for clusters whose ServiceAccounts do not automount a token,
 *   the executor runs with `spec.executor.serviceAccountName` and mounts the Secret
 *   `<sa>.service-account-token`, which each workflow namespace gets.
 */
import { Checker, EnumValue, optionKeys } from '../check';
import type { Contributions, Feature } from '../contributions';
import type { ControllerConfig } from '../controller-config';
import { conflict } from '../errors';
import type { ResolvedWorkflowNamespace } from '../workflow-namespaces';
import { exampleWorkflowTemplate, ExampleWorkflowTemplate } from './example-template';

/** Argo's `workflowRestrictions.templateReferencing`. */
export enum TemplateReferencing {
  /** Only workflows that reference a WorkflowTemplate (or ClusterWorkflowTemplate) run. */
  STRICT = 'Strict',
  /** As `STRICT`, and the referenced template must not change while the workflow runs. */
  SECURE = 'Secure',
}

/** Restrictions on the workflows the controller runs. */
export interface WorkflowRestrictionsOptions {
  /** `Strict` or `Secure` (Argo's `workflowRestrictions.templateReferencing`). */
  readonly templateReferencing: EnumValue<TemplateReferencing>;
  /**
   * A WorkflowTemplate `hello-world` in each workflow namespace, running as that namespace's
   * workflow service account, so a strict install can run a workflow out of the box
   * (`argo submit --from workflowtemplate/hello-world`). `false` when you bring your own templates.
   * @default true
   */
  readonly exampleTemplate?: boolean;
}

export interface ResolvedWorkflowRestrictions {
  readonly templateReferencing?: TemplateReferencing;
  /** Whether each workflow namespace gets the example WorkflowTemplate. */
  readonly exampleTemplate: boolean;
  /** Whether each workflow namespace gets `<sa>.service-account-token` and executors use it. */
  readonly serviceAccountTokens: boolean;
}

export interface RestrictionsContext {
  readonly workflowNamespaces: readonly ResolvedWorkflowNamespace[];
  /** The user's `controller.config.workflowRestrictions`, as given. */
  readonly configRestrictions: unknown;
  /** `controller.defaultWorkflowServiceAccount`, as given. */
  readonly defaultWorkflowServiceAccount: unknown;
}

const KEYS = optionKeys<WorkflowRestrictionsOptions>()(['templateReferencing', 'exampleTemplate']);

function resolveRestrictions(raw: unknown, ctx: RestrictionsContext): { templateReferencing?: TemplateReferencing; exampleTemplate: boolean } {
  if (raw === undefined) return { exampleTemplate: false };
  const c = new Checker('workflowRestrictions');
  c.known(c.object(raw, '{ templateReferencing: TemplateReferencing.STRICT }'), KEYS);
  const o = raw as WorkflowRestrictionsOptions;
  if (o.templateReferencing === undefined) {
    throw conflict('workflowRestrictions.templateReferencing is missing', 'set it to TemplateReferencing.STRICT or TemplateReferencing.SECURE, or remove workflowRestrictions');
  }
  const templateReferencing = c.enum('templateReferencing', o.templateReferencing, TemplateReferencing, 'use TemplateReferencing.STRICT or TemplateReferencing.SECURE') as TemplateReferencing;
  const exampleTemplate = c.bool('exampleTemplate', o.exampleTemplate) ?? true;
  if (ctx.configRestrictions !== undefined) {
    throw conflict('workflowRestrictions is set and so is controller.config.workflowRestrictions: the restrictions would be configured twice',
      'remove controller.config.workflowRestrictions and use the workflowRestrictions option');
  }
  if (ctx.workflowNamespaces.length === 0) {
    throw conflict(`workflowRestrictions.templateReferencing is "${templateReferencing}" but there is no workflow namespace: no WorkflowTemplate is available to a workflow service account, so every workflow would be refused`,
      'add a workflow namespace, e.g. workflowNamespaces: [{ name: "argo" }] (it gets the example WorkflowTemplate hello-world), or remove workflowRestrictions');
  }
  return { templateReferencing, exampleTemplate };
}

/** The one workflow service account the executor token default can name. */
function tokenAccount(raw: unknown, ctx: RestrictionsContext): string | undefined {
  const c = new Checker('');
  if (c.bool('workflowServiceAccountTokens', raw) !== true) return undefined;
  const names = [...new Set(ctx.workflowNamespaces.map((n) => n.serviceAccountName))];
  if (names.length === 0) {
    throw conflict('workflowServiceAccountTokens is true but there is no workflow namespace to create the token Secret in', 'add a workflow namespace, e.g. workflowNamespaces: [{ name: "argo" }], or remove workflowServiceAccountTokens');
  }
  if (names.length > 1) {
    throw conflict(`workflowServiceAccountTokens is true but the workflow namespaces use different service accounts (${names.map((x) => JSON.stringify(x)).join(', ')}): workflowDefaults is global and names one executor service account`,
      'give every workflow namespace the same serviceAccountName, or set spec.executor.serviceAccountName in each Workflow yourself');
  }
  if (ctx.defaultWorkflowServiceAccount === false) {
    throw conflict('workflowServiceAccountTokens is true and controller.defaultWorkflowServiceAccount is false: the executor token default needs the workflow service account default',
      'remove controller.defaultWorkflowServiceAccount: false, or remove workflowServiceAccountTokens');
  }
  return names[0];
}

/** Validates `workflowRestrictions` and `workflowServiceAccountTokens`; contributes their controller config. */
export function resolveWorkflowRestrictions(restrictions: unknown, tokens: unknown, ctx: RestrictionsContext): Feature<ResolvedWorkflowRestrictions> {
  const r = resolveRestrictions(restrictions, ctx);
  const sa = tokenAccount(tokens, ctx);
  const config: ControllerConfig = {
    ...(r.templateReferencing ? { workflowRestrictions: { templateReferencing: r.templateReferencing } } : {}),
    ...(sa ? { workflowDefaults: { spec: { serviceAccountName: sa, executor: { serviceAccountName: sa } } } } : {}),
  };
  const contributes: Contributions = Object.keys(config).length ? { controllerConfig: config } : {};
  return { resolved: { ...r, serviceAccountTokens: sa !== undefined }, contributes };
}

/** What the feature gives one workflow namespace: the token Secret and the example template. */
export function restrictionsOfNamespace(
  resolved: ResolvedWorkflowRestrictions | undefined, n: ResolvedWorkflowNamespace, image: string,
): Pick<ResolvedWorkflowNamespace, 'serviceAccountTokenSecret'> & { exampleTemplate?: ExampleWorkflowTemplate } {
  return {
    serviceAccountTokenSecret: n.serviceAccountTokenSecret || (resolved?.serviceAccountTokens ?? false),
    ...(resolved?.exampleTemplate ? { exampleTemplate: exampleWorkflowTemplate(n.serviceAccountName, image) } : {}),
  };
}
