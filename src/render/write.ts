/**
 * Synthesis of charts into `<outdir>/<chart>/NN-<component>.yaml`, all or nothing: every chart is
 * validated and rendered in memory first, then written to a temporary folder that replaces
 * `outdir` in one rename. A failure at any step leaves `outdir` exactly as it was.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { App } from 'cdk8s';
import { renderApp } from './files';

/** Writes rendered files so that `outdir` is replaced in one step, or not touched at all. */
export function writeAtomically(outdir: string, files: Record<string, string>): void {
  const abs = path.resolve(outdir);
  const parent = path.dirname(abs);
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(abs)}-new-`));
  const old = path.join(parent, path.basename(tmp).replace(/-new-/, '-old-'));
  fs.chmodSync(tmp, 0o755);
  try {
    for (const [rel, content] of Object.entries(files)) {
      const target = path.join(tmp, rel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
    const existed = fs.existsSync(abs);
    if (existed) fs.renameSync(abs, old);
    try {
      fs.renameSync(tmp, abs);
    } catch (e) {
      if (existed) fs.renameSync(old, abs);
      throw e;
    }
    if (existed) fs.rmSync(old, { recursive: true, force: true });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Checks ArgoWorkflows charts of an app, renders them and writes them to `outdir` atomically. */
export function synthesize(app: App, outdir: string, sources: Record<string, string> = {}): Record<string, string> {
  const files = renderApp(app, sources);
  writeAtomically(outdir, files);
  return files;
}
