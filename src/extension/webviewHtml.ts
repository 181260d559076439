/**
 * The one place webview HTML and its Content Security Policy are built: no inline script or
 * style, scripts only with a fresh nonce, resources only from the extension's dist/ and media/.
 * The bundle of view `name` is dist/webview-<name>.js (src/webview/<name>/main.ts).
 */
import { randomBytes } from 'node:crypto';
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

export function webviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  name: string,
  title: string,
  /** The view's arguments, kept by the page in its state so the panel can be restored. */
  args?: unknown,
): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(
    vscode.Uri.joinPath(extensionUri, 'dist', `webview-${name}.js`),
  );
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'webview.css'));
  const argsAttribute =
    args === undefined ? '' : ` data-view-args="${escapeHtml(JSON.stringify(args))}"`;
  return htmlPage({
    csp: contentSecurityPolicy(webview.cspSource, nonce),
    title,
    head: `<link rel="stylesheet" href="${style.toString()}">`,
    bodyAttributes: ` data-state="loading"${argsAttribute}`,
    body: `<div id="app" role="main"><p class="status">Loading…</p></div>
<script nonce="${nonce}" src="${script.toString()}"></script>`,
  });
}
