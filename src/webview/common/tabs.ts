/**
 * A row of tabs (WAI-ARIA tabs pattern): the selected tab is the only one in the tab order;
 * ← and → move to the previous and next tab (wrapping), Home and End to the first and last.
 * Choosing a tab calls `onSelect`, which re-renders the view with it selected; the new tab then
 * gets the focus.
 */
import { el } from './dom';

export interface TabsSpec {
  /** The tablist's accessible name. */
  readonly label: string;
  /** The id of the panel the tabs control. */
  readonly panel: string;
  readonly tabs: readonly { readonly id: string; readonly text: string }[];
  readonly selected: number;
  readonly onSelect: (index: number) => void;
}

/** The tab a key moves to from `at` among `count`, or undefined for any other key. */
export function tabKeyTarget(key: string, at: number, count: number): number | undefined {
  if (key === 'ArrowRight') return (at + 1) % count;
  if (key === 'ArrowLeft') return (at - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return undefined;
}

export function tabList(spec: TabsSpec): HTMLElement {
  const list = el('div', { class: 'ts-tabs', role: 'tablist', 'aria-label': spec.label });
  spec.tabs.forEach((tab, i) => {
    const selected = i === spec.selected;
    const b = el(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: tab.id,
        'aria-selected': String(selected),
        'aria-controls': spec.panel,
        tabindex: selected ? '0' : '-1',
      },
      tab.text,
    );
    b.addEventListener('click', () => spec.onSelect(i));
    list.append(b);
  });
  list.addEventListener('keydown', event => {
    const next = tabKeyTarget(event.key, spec.selected, spec.tabs.length);
    if (next === undefined) return;
    event.preventDefault();
    spec.onSelect(next);
    document.getElementById(spec.tabs[next]?.id ?? '')?.focus();
  });
  return list;
}
