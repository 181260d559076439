/**
 * The one HTML page skeleton of the extension's webviews and of the CLI's self-contained report:
 * a Content Security Policy, a viewport, a title (escaped), what goes in the head (styles) and
 * the body's attributes and content. The callers build the policy and the trusted parts.
 */

/** Text safe in HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

export interface HtmlPage {
  readonly csp: string;
  readonly title: string;
  /** Trusted markup for the head (stylesheets). */
  readonly head: string;
  /** Trusted attributes of the body (already escaped), e.g. ` data-state="loading"`. */
  readonly bodyAttributes?: string;
  /** Trusted markup of the body. */
  readonly body: string;
}

export function htmlPage(page: HtmlPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${page.csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
${page.head}
</head>
<body${page.bodyAttributes ?? ''}>
${page.body}
</body>
</html>
`;
}
