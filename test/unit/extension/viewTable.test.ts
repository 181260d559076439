// The view table, the pages and package.json agree: every view's page is built, every panel
// type is restored after a window reload (an onWebviewPanel activation event), and the contracts
// the tests validate against are the views'.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACTS, webviewFolders } from '../webviewMessages';

const REPO = join(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  activationEvents: string[];
};

/** The view types of src/extension/views/*.ts (read as text: the modules import vscode). */
function viewTypes(): string[] {
  const table = readFileSync(join(REPO, 'src/extension/views/index.ts'), 'utf8');
  const modules = [...table.matchAll(/from '\.\/(\w+)'/g)].map(m => m[1] as string);
  return modules
    .map(m => readFileSync(join(REPO, 'src/extension/views', `${m}.ts`), 'utf8'))
    .flatMap(text => [...text.matchAll(/viewType: '([\w.]+)'/g)].map(m => m[1] as string));
}

describe('the view table', () => {
  it('has one page per contract, and one contract per page', () => {
    expect(CONTRACTS.map(c => c.name).sort()).toEqual(webviewFolders(REPO));
  });

  it('restores every panel type after a window reload', () => {
    const types = viewTypes();
    expect(types.length).toBe(CONTRACTS.length);
    for (const type of types) expect(pkg.activationEvents).toContain(`onWebviewPanel:${type}`);
  });

  it('names each inbound message once across the views, so the validator knows whose it is', () => {
    const all = CONTRACTS.flatMap(c => Object.values(c.inbound).map(d => d.type));
    expect(new Set(all).size).toBe(all.length);
  });
});
