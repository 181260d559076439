import { describe, expect, it } from 'vitest';
import { columnForNewView } from '../../../src/extension/viewColumns';

describe('columnForNewView', () => {
  it('opens beside the active editor when the test has no view open', () => {
    expect(columnForNewView([])).toBeUndefined();
    expect(columnForNewView([undefined])).toBeUndefined();
  });
  it('opens right of the rightmost view of the same test', () => {
    expect(columnForNewView([2])).toBe(3);
    expect(columnForNewView([3, 2, undefined])).toBe(4);
  });
  it('stays within the nine columns VS Code has', () => {
    expect(columnForNewView([9])).toBe(9);
  });
});
