/**
 * The cdk8s app: builds every example preset and writes it to `dist/<preset>/`.
 * Output folder: the first argument, else CDK8S_OUTDIR (set by `cdk8s synth`), else `dist`.
 */
import { App, Chart } from 'cdk8s';
import { PRESETS } from '../examples';
import { CredentialsKind, kubectlHint } from './config/credentials';
import { ArgoWorkflows } from './k8s/argo-workflows';
import { synthesize } from './render';

export function buildApp(): App {
  const app = new App();
  for (const preset of PRESETS) preset.build(app);
  return app;
}

/**
 * What each chart expects the user to create before applying it, as `kubectl` lines: Secrets of
 * `Credentials.existing()` and the database CA ConfigMap.
 * `{ "<chart>": ["kubectl create secret generic ..."] }`. Charts without any are left out.
 */
export function existingSecretHints(app: App): Record<string, string[]> {
  const hints: Record<string, string[]> = {};
  for (const c of app.node.findAll()) {
    if (!(c instanceof ArgoWorkflows)) continue;
    const chart = Chart.of(c).node.id;
    for (const placement of c.plan.storage.secrets) {
      if (placement.spec.source.kind !== CredentialsKind.EXISTING) continue;
      for (const ns of placement.namespaces) (hints[chart] ??= []).push(kubectlHint(placement.spec, ns));
    }
    const ca = c.plan.persistence?.caCertificate;
    if (ca) (hints[chart] ??= []).push(`kubectl create configmap ${ca.configMapName} -n ${c.plan.namespace} --from-file=${ca.key}=<CA bundle file>`);
  }
  return hints;
}

if (require.main === module) {
  const outdir = process.argv[2] ?? process.env.CDK8S_OUTDIR ?? 'dist';
  try {
    const app = buildApp();
    const files = synthesize(app, outdir, Object.fromEntries(PRESETS.map((p) => [p.name, p.source])));
    process.stdout.write(`argo-stack: wrote ${Object.keys(files).length} files for ${PRESETS.length} presets to ${outdir}/\n`);
    for (const [chart, lines] of Object.entries(existingSecretHints(app))) {
      process.stdout.write(`${outdir}/${chart}/ expects these to exist before it is applied:\n${lines.map((l) => `  ${l}\n`).join('')}`);
    }
  } catch (e) {
    process.stderr.write(`argo-stack: synth failed, ${outdir}/ left unchanged\n${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
