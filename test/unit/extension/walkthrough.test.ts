// The Getting Started walkthrough of package.json: four steps, each with its media on disk and
// completion events that can fire — commands the extension contributes, and context keys that
// src/extension/walkthrough.ts sets (read from its source: it imports vscode).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Step {
  id: string;
  media: { markdown?: string };
  completionEvents: string[];
}
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  contributes: { commands: { command: string }[]; walkthroughs: { steps: Step[] }[] };
};
const steps = manifest.contributes.walkthroughs[0]!.steps;
const commands = new Set(manifest.contributes.commands.map(c => c.command));
const tracker = readFileSync('src/extension/walkthrough.ts', 'utf8');

describe('Getting Started walkthrough', () => {
  it('has the four steps of issue 22 in order', () => {
    expect(steps.map(s => s.id)).toEqual(['openSample', 'openRun', 'compare', 'failure']);
  });
  it('each step shows a markdown file that exists', () => {
    for (const s of steps) expect(existsSync(s.media.markdown ?? ''), s.id).toBe(true);
  });
  it('each step completes on contributed commands and on a context key the extension sets', () => {
    for (const s of steps) {
      const onCommand = s.completionEvents.filter(e => e.startsWith('onCommand:'));
      const onContext = s.completionEvents.filter(e => e.startsWith('onContext:'));
      expect(onCommand.length, s.id).toBeGreaterThan(0);
      for (const e of onCommand) expect(commands.has(e.slice('onCommand:'.length)), e).toBe(true);
      expect(onContext.length, s.id).toBe(1);
      expect(tracker.includes(`'${onContext[0]!.slice('onContext:'.length)}'`), s.id).toBe(true);
    }
  });
});
