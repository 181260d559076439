/**
 * "Load Test Lens: Open the Sample": the demo result root a new user can try everything on, made
 * by the bundled CLI in a worker thread (`dist/cli.js generate --sample`: the options of the
 * repository's samples/demo) into the extension's global storage, never into a workspace
 * folder, then opened in its overview. It is written into a temporary folder and renamed when complete, once per
 * extension version; later calls open it again at once.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';

/** Where the sample of this extension version lives (its name is the overview's title). */
function sampleFolder(context: vscode.ExtensionContext): string {
  const version = String(context.extension.packageJSON.version ?? 'dev');
  return join(context.globalStorageUri.fsPath, `sample-${version}`, 'loadtest-lens-sample');
}

/**
 * Runs the extension's own CLI bundle in a worker thread (no program is started: the extension
 * never runs one, untrusted workspaces included); resolves when it exits with 0.
 */
function runCli(cli: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const worker = new Worker(cli, {
      argv: [...args],
      env: { ...process.env, LOADTEST_LENS_CACHE: 'off' },
      stdout: true,
      stderr: true,
    });
    worker.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    worker.stdout.resume();
    worker.on('error', reject);
    worker.on('exit', code =>
      code === 0 ? resolve() : reject(new Error(stderr.trim() || `exit code ${code}`)),
    );
  });
}

/** The sample's folder, generated first when missing. */
async function ensureSample(context: vscode.ExtensionContext): Promise<string> {
  const folder = sampleFolder(context);
  if (existsSync(folder)) return folder;
  const partial = `${folder}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(join(folder, '..'), { recursive: true });
  const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
  try {
    await runCli(cli, ['generate', '--sample', '--out', partial]);
    // Another window may have finished the same sample meanwhile: theirs is as good.
    await rename(partial, folder).catch((error: unknown) => {
      if (!existsSync(folder)) throw error;
    });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  return folder;
}

/** Registers `loadtestLens.openSample`; `open` shows a root's overview. */
export function registerSample(
  context: vscode.ExtensionContext,
  open: (root: string) => Promise<unknown>,
): vscode.Disposable {
  return vscode.commands.registerCommand('loadtestLens.openSample', async () => {
    try {
      const folder = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Load Test Lens: writing the sample result root…'),
        },
        () => ensureSample(context),
      );
      await open(folder);
    } catch (error) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Load Test Lens could not write the sample: {0}', (error as Error).message),
      );
    }
  });
}
