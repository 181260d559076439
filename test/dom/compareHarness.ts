/**
 * The host side of the comparison webview, without VS Code: the message the extension's
 * comparison panel posts, built by the core from result roots. Bundled by esbuild at test time.
 */
import { DEFAULT_CONFIG, DEFAULT_LOAD_CONFIG, loadRoot } from '../../src/core/compare';
import { compareViewVM } from '../../src/core/viewmodel/compare';
import { InlineRunner } from '../../src/core/pipeline/runner';
/** A host → webview message as it goes on the wire. */
type HostMessage = { readonly type: string } & Record<string, unknown>;

export async function comparisonMessage(roots: string[]): Promise<HostMessage> {
  const runner = new InlineRunner();
  const tests = (await Promise.all(roots.map(r => loadRoot(r, { runner })))).flatMap(l => l.tests);
  return {
    type: 'comparison',
    comparison: compareViewVM(tests, DEFAULT_CONFIG, DEFAULT_LOAD_CONFIG),
  };
}
