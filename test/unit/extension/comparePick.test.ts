// The order of a comparison: the baseline picked first, then the candidate among the other tests,
// Escape at either step cancelling; and the swap of the compare view's button.
import { describe, expect, it } from 'vitest';
import {
  BASELINE_PLACEHOLDER,
  pickBaselineAndCandidate,
  swapSides,
  type PickOne,
} from '../../../src/extension/views/comparePick';

interface Item {
  readonly root: string;
  readonly test: string;
  readonly label: string;
}

const item = (root: string, test: string): Item => ({ root, test, label: test });
const A = item('/r1', 'kurento-8p');
const B = item('/r1', 'mediasoup-8p');
const C = item('/r2', 'kurento-8p');
const LIST = [A, B, C];

/** A picker that answers with the labels given, in turn, and records what it was offered. */
function scripted(...answers: Array<Item | undefined>) {
  const offered: Array<{ items: readonly Item[]; placeHolder: string }> = [];
  const pick: PickOne<Item> = (items, placeHolder) => {
    offered.push({ items, placeHolder });
    return Promise.resolve(answers.shift());
  };
  return { pick, offered };
}

describe('pickBaselineAndCandidate', () => {
  it('the first pick is the baseline, the second the candidate, whatever their list order', async () => {
    const { pick, offered } = scripted(C, A);
    expect(await pickBaselineAndCandidate(LIST, pick)).toEqual({
      tests: [
        { root: '/r2', test: 'kurento-8p' },
        { root: '/r1', test: 'kurento-8p' },
      ],
    });
    expect(offered[0]?.placeHolder).toBe(BASELINE_PLACEHOLDER);
    expect(offered[0]?.items).toEqual([A, B, C]);
    expect(offered[1]?.placeHolder).toMatch(/^Pick the candidate.*kurento-8p$/);
  });

  it('offers every test but the baseline as the candidate (same name in another root included)', async () => {
    const { pick, offered } = scripted(A, B);
    await pickBaselineAndCandidate(LIST, pick);
    expect(offered[1]?.items).toEqual([B, C]);
  });

  it('Escape at the baseline cancels without asking for the candidate', async () => {
    const { pick, offered } = scripted(undefined);
    expect(await pickBaselineAndCandidate(LIST, pick)).toBeUndefined();
    expect(offered).toHaveLength(1);
  });

  it('Escape at the candidate cancels', async () => {
    const { pick, offered } = scripted(B, undefined);
    expect(await pickBaselineAndCandidate(LIST, pick)).toBeUndefined();
    expect(offered).toHaveLength(2);
  });

  it('with a single test there is no candidate to pick', async () => {
    const { pick, offered } = scripted(A);
    expect(await pickBaselineAndCandidate([A], pick)).toBeUndefined();
    expect(offered).toHaveLength(1);
  });
});

describe('swapSides', () => {
  const t = (test: string) => ({ root: '/r', test });
  it('exchanges the baseline and the candidate', () => {
    expect(swapSides({ tests: [t('a'), t('b')] }, 1)).toEqual({ tests: [t('b'), t('a')] });
  });
  it('exchanges the baseline with one candidate, the others keep their places', () => {
    expect(swapSides({ tests: [t('a'), t('b'), t('c')] }, 2)).toEqual({
      tests: [t('c'), t('b'), t('a')],
    });
  });
  it('refuses an index that is not a candidate', () => {
    expect(swapSides({ tests: [t('a'), t('b')] }, 0)).toBeUndefined();
    expect(swapSides({ tests: [t('a'), t('b')] }, 2)).toBeUndefined();
  });
});
