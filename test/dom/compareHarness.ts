/**
 * The host side of the comparison webview, without VS Code: the message the extension's
 * comparison panel posts, built by the core from result roots. Bundled by esbuild at test time.
 */
import { DEFAULT_CONFIG, DEFAULT_LOAD_CONFIG, loadRoot } from '../../src/core/compare';
import { compareViewVM } from '../../src/core/viewmodel/compare';
import { InlineRunner } from '../../src/core/pipeline/runner';
import { failureTaxonomy } from '../../src/core/compare/taxonomy';
import { failureCausesVM } from '../../src/core/viewmodel/failureCauses';
import { basename } from 'node:path';
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

/**
 * The message of the failure-causes view for the same roots, with each test's failure lines as
 * the summary counts them (independently of the classification: they must add up).
 */
export async function failureCausesMessage(
  roots: string[],
): Promise<{ message: HostMessage; failureLines: number[] }> {
  const runner = new InlineRunner();
  const tests = (await Promise.all(roots.map(r => loadRoot(r, { runner })))).flatMap(l => l.tests);
  const causes = failureCausesVM(
    tests.map(t => ({ label: `${t.name} (${basename(t.root)})`, taxonomy: failureTaxonomy(t) })),
  );
  return {
    message: { type: 'failureCauses', causes },
    failureLines: tests.map(t => t.summary.failureLines),
  };
}
