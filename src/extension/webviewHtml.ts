/**
 * The one place webview HTML and its Content Security Policy are built: no inline script or
 * style, scripts only with a fresh nonce, resources only from the extension's dist/ and media/.
 * The bundle of view `name` is dist/webview-<name>.js (src/webview/<name>/main.ts), loaded after
 * the shared scripts dist/webview-manifest.json lists for it (the chart bundle, scripts/build.mjs).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { escapeHtml, htmlPage } from '../shared/htmlPage';

export function webviewOptions(
  extensionUri: vscode.Uri,
): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** Per page, the dist/ scripts it needs before its own; read once per extension folder. */
const manifests = new Map<string, Readonly<Record<string, readonly string[]>>>();

/**
 * The shared scripts page `name` loads first. A build always writes the manifest (the VSIX check
 * in scripts/package-vsix.mjs requires it); without one (a URI with no folder on disk, as in
 * unit tests) a page gets no shared script.
 */
export function sharedScripts(extensionUri: vscode.Uri, name: string): readonly string[] {
  const folder = extensionUri.fsPath;
  if (!folder) return [];
  let manifest = manifests.get(folder);
  if (!manifest) {
    manifest = JSON.parse(
      readFileSync(join(folder, 'dist', 'webview-manifest.json'), 'utf8'),
    ) as Record<string, readonly string[]>;
    manifests.set(folder, manifest);
  }
  return manifest[name] ?? [];
}

export function webviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  name: string,
  title: string,
  /** The view's arguments, kept by the page in its state so the panel can be restored. */
  args?: unknown,
): string {
  const nonce = randomBytes(16).toString('base64');
  const scripts = [...sharedScripts(extensionUri, name), `webview-${name}.js`].map(file =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', file)),
  );
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'webview.css'));
  const argsAttribute =
    args === undefined ? '' : ` data-view-args="${escapeHtml(JSON.stringify(args))}"`;
  return htmlPage({
    csp: contentSecurityPolicy(webview.cspSource, nonce),
    title,
    head: `<link rel="stylesheet" href="${style.toString()}">`,
    bodyAttributes: ` data-state="loading"${argsAttribute}`,
    body: `<div id="app" role="main"><p class="status">${escapeHtml(vscode.l10n.t('Loading…'))}</p></div>
${scripts.map(s => `<script nonce="${nonce}" src="${s.toString()}"></script>`).join('\n')}`,
  });
}
