import { describe, expect, it } from 'vitest';
import { columnForNewView, shortTitle } from '../../../src/extension/host/placement';

describe('columnForNewView', () => {
  it('opens beside the active editor when no view of the extension is open', () => {
    expect(columnForNewView([])).toBe('beside');
    expect(columnForNewView([{ column: undefined }])).toBe('beside');
  });
  it('opens as a tab in the group of the most recently active view', () => {
    expect(columnForNewView([{ column: 2 }])).toBe(2);
    expect(columnForNewView([{ column: 3 }, { column: 2 }])).toBe(3);
    expect(columnForNewView([{ column: undefined }, { column: 2 }])).toBe(2);
  });
});

describe('shortTitle', () => {
  it('names the view, then its subject', () => {
    expect(shortTitle('Statistics', 'kurento-8p')).toBe('Statistics · kurento-8p');
    expect(shortTitle('Compare', '')).toBe('Compare');
  });
  it('cuts a long subject to the limit with an ellipsis', () => {
    const title = shortTitle('Log', 'x'.repeat(50), 10);
    expect(title).toBe(`Log · ${'x'.repeat(9)}…`);
  });
});
