// The forgiving HTML reader on the malformed inputs a hand-edited or cut report can hold.
import { describe, expect, it } from 'vitest';
import { cells, findAll, parseHtml, tableRows, textOf } from '../../../src/core/today/miniDom';

describe('miniDom', () => {
  it('reads rows and cells of a table with unclosed cells, stray end tags and comments', () => {
    const doc = parseHtml(
      '<table><!-- x <tr> --><tr><td>a<td>b &amp; c</tr></span><tr><td>1 < 2</td><td title="x>y">d</td></tr></table>',
    );
    const [table] = findAll(doc, e => e.tag === 'table');
    const rows = tableRows(table!).map(r => cells(r).map(textOf));
    expect(rows).toEqual([
      ['a', 'b & c'],
      ['1 < 2', 'd'],
    ]);
    expect(findAll(doc, e => e.tag === 'td')[3]!.attrs.get('title')).toBe('x>y');
  });
  it('skips script and style bodies, keeps lines, and survives a cut document', () => {
    const doc = parseHtml(
      '<html>\n<script>if (a < b) { x = "<td>" }</script>\n<style>td{}</style>\n<div class="a b" id=z>t\n<p>cut',
    );
    expect(findAll(doc, e => e.tag === 'td')).toEqual([]);
    const [div] = findAll(doc, e => e.tag === 'div');
    expect(div!.line).toBe(4);
    expect(div!.attrs.get('class')).toBe('a b');
    expect(div!.attrs.get('id')).toBe('z');
    expect(textOf(div!)).toBe('t cut');
  });
  it('decodes numeric entities and leaves unknown ones', () => {
    expect(textOf(parseHtml('<p>&#8212; &#x2014; &bogus; &lt;b&gt;</p>'))).toBe('— — &bogus; <b>');
  });
});
