import { describe, expect, it } from 'vitest';
import { PanelMemory, type StateStore } from '../../../src/extension/host/panelMemory';

/** A workspaceState stand-in that keeps what it is given, as JSON (as VS Code stores it). */
function store(): StateStore & { raw: Map<string, string> } {
  const raw = new Map<string, string>();
  return {
    raw,
    get: <T>(key: string) => (raw.has(key) ? (JSON.parse(raw.get(key) as string) as T) : undefined),
    update: (key: string, value: unknown) => {
      raw.set(key, JSON.stringify(value));
      return Promise.resolve();
    },
  };
}

const A = { root: '/runs/a', test: 'loadtest-webrtc-2024-pion-8p' };
const B = { root: '/runs/b', test: 'loadtest-webrtc-2024-pion-8p' };
const TITLE = 'Progression · loadtest-webrtc-2024-pion-8p';

describe('PanelMemory', () => {
  it('gives back the arguments of the one panel of that type and title', () => {
    const memory = new PanelMemory(store());
    memory.remember('loadtestLens.progression', TITLE, A);
    expect(memory.recall('loadtestLens.progression', TITLE)).toEqual(A);
    expect(memory.recall('loadtestLens.statistics', TITLE)).toBeUndefined();
    expect(memory.recall('loadtestLens.progression', 'Progression · other')).toBeUndefined();
  });

  it('does not guess between two roots whose tests share a name (same title)', () => {
    const memory = new PanelMemory(store());
    memory.remember('loadtestLens.progression', TITLE, A);
    memory.remember('loadtestLens.progression', TITLE, B);
    expect(memory.recall('loadtestLens.progression', TITLE)).toBeUndefined();
    memory.forget('loadtestLens.progression', TITLE, A);
    expect(memory.recall('loadtestLens.progression', TITLE)).toEqual(B);
  });

  it('survives a new instance on the same store (a window reload), and remembers a panel once', () => {
    const s = store();
    new PanelMemory(s).remember('loadtestLens.progression', TITLE, A);
    new PanelMemory(s).remember('loadtestLens.progression', TITLE, A);
    expect(new PanelMemory(s).recall('loadtestLens.progression', TITLE)).toEqual(A);
    expect(JSON.parse(s.raw.get('loadtestLens.openPanels') as string)).toHaveLength(1);
  });

  it('keeps at most 64 panels, the most recent', () => {
    const memory = new PanelMemory(store());
    for (let i = 0; i < 70; i++) memory.remember('t', `title ${i}`, { i });
    expect(memory.recall('t', 'title 69')).toEqual({ i: 69 });
    expect(memory.recall('t', 'title 6')).toEqual({ i: 6 });
    expect(memory.recall('t', 'title 5')).toBeUndefined();
  });

  it('ignores a stored value it did not write', () => {
    const s = store();
    void s.update('loadtestLens.openPanels', [{ viewType: 1 }, 'x', null]);
    expect(new PanelMemory(s).recall('t', 'x')).toBeUndefined();
    void s.update('loadtestLens.openPanels', { not: 'a list' });
    expect(new PanelMemory(s).recall('t', 'x')).toBeUndefined();
  });
});
