/**
 * Which links a view may render (issue 19): only absolute http and https URLs. A report or a
 * configuration can name anything (`javascript:`, `vscode://`, `file:`, `command:`); those never
 * reach the DOM. Shared so the view model drops them (with a note) and the webview checks again.
 */
const WEB_SCHEMES = new Set(['http:', 'https:']);

export function isWebLink(href: string): boolean {
  try {
    return WEB_SCHEMES.has(new URL(href).protocol);
  } catch {
    return false;
  }
}

/** The scheme of a link for a note (`javascript:`), or a placeholder when it does not parse. */
export function linkScheme(href: string): string {
  try {
    return new URL(href).protocol;
  } catch {
    return 'an unreadable address';
  }
}
