/**
 * Webview and workspace security (issue 11, items 4 and 5), one point per `describe`:
 *  1. strict CSP on every webview listed in scripts/build.mjs WEBVIEWS (nonce, no unsafe-*);
 *  2. localResourceRoots limited to the extension's dist/ and media/;
 *  3. every webview → host message type validated at runtime, malformed variants rejected;
 *  4. files a webview names resolved inside the opened root only (`../`, absolute paths,
 *     symlinks out, encoded separators);
 *  5. user strings rendered escaped (no HTML sink in the webviews, titles escaped; the DOM part
 *     is test/dom/security.dom.test.mjs);
 *  6. untrusted workspaces: the capability declared, nothing executed from the folder.
 * Lists of views, message types and source files are read from the repository, so views,
 * messages and files other changes add are covered without editing this file.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveInsideRoot } from '../../src/core/source/insideRoot';
import { INBOUND_TYPES, parseWebviewMessage, webviewFolders } from './webviewMessages';

type WebviewMessage = { readonly type: string } & Record<string, unknown>;

vi.mock('vscode', () => {
  const uri = (path: string) => ({ path, toString: () => path });
  return {
    Uri: {
      joinPath: (base: { path: string }, ...parts: string[]) =>
        uri([base.path, ...parts].join('/')),
    },
    l10n: { t: (message: string) => message },
  };
});
const { webviewHtml, webviewOptions } = await import('../../src/extension/webviewHtml');

const REPO = resolve(__dirname, '../..');
const read = (path: string): string => readFileSync(join(REPO, path), 'utf8');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(REPO, dir), { withFileTypes: true })) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|js|mjs)$/.test(e.name)) out.push(path);
  }
  return out;
}

/** The webview bundles the build writes (scripts/build.mjs: every src/webview/<name>/main.ts). */
const WEBVIEWS = webviewFolders(REPO);

const EXT = { path: '/ext' };
const fakeWebview = { cspSource: 'vscode-webview://ext', asWebviewUri: (u: unknown) => u };
const HOSTILE = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;

function htmlOf(name: string, title = 'Load Test Lens'): string {
  return webviewHtml(fakeWebview as never, EXT as never, name as never, title);
}

function cspOf(html: string): Map<string, string[]> {
  const content = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
  return new Map(
    content
      .split(';')
      .map(d => d.trim().split(/\s+/))
      .filter(d => d[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

describe('1. strict CSP on every webview', () => {
  it('the build lists the webviews, each with its entry point', () => {
    expect(WEBVIEWS.length).toBeGreaterThanOrEqual(2);
    for (const name of WEBVIEWS)
      expect(read(`src/webview/${name}/main.ts`).length).toBeGreaterThan(0);
  });

  it.each(WEBVIEWS)('%s: default-src none, scripts only by nonce, no unsafe-inline/eval', name => {
    const html = htmlOf(name);
    const csp = cspOf(html);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec((csp.get('script-src') ?? []).join(' '))?.[1];
    expect(nonce && Buffer.from(nonce, 'base64').length).toBeGreaterThanOrEqual(16);
    expect(csp.get('script-src')).toEqual([`'nonce-${nonce}'`]);
    for (const [directive, sources] of csp) {
      for (const bad of [
        "'unsafe-inline'",
        "'unsafe-eval'",
        "'unsafe-hashes'",
        '*',
        'http:',
        'https:',
      ])
        expect(sources, `${directive} allows ${bad}`).not.toContain(bad);
    }
    // Every script is the view's own bundle from dist/, with the nonce, and has no inline body.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toContain(`nonce="${nonce}"`);
      expect(attrs).toContain(`src="/ext/dist/webview-${name}.js"`);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handlers
    expect(html).not.toMatch(/\sstyle\s*=/i); // no inline styles
    expect(htmlOf(name)).not.toContain(nonce); // a fresh nonce every time
  });

  it('a page that draws charts loads the shared chart bundle first, with the same nonce', () => {
    const folder = mkdtempSync(join(tmpdir(), 'ltl-manifest-'));
    mkdirSync(join(folder, 'dist'));
    const manifest = { timeseries: ['webview-chart.js'], logview: [] };
    writeFileSync(join(folder, 'dist', 'webview-manifest.json'), JSON.stringify(manifest));
    const ext = { path: '/chart-ext', fsPath: folder };
    const html = (name: string) => webviewHtml(fakeWebview as never, ext as never, name, 'T');
    const scripts = (name: string) =>
      [...html(name).matchAll(/<script nonce="([^"]+)" src="([^"]+)"><\/script>/g)].map(m => m[2]);
    expect(scripts('timeseries')).toEqual([
      '/chart-ext/dist/webview-chart.js',
      '/chart-ext/dist/webview-timeseries.js',
    ]);
    expect(scripts('logview')).toEqual(['/chart-ext/dist/webview-logview.js']);
    const nonces = new Set([...html('timeseries').matchAll(/nonce="([^"]+)"/g)].map(m => m[1]));
    expect(nonces.size).toBe(1);
    rmSync(folder, { recursive: true });
  });

  it('no webview source evaluates code from strings', () => {
    for (const file of sourceFiles('src/webview'))
      expect(read(file), file).not.toMatch(
        /\beval\s*\(|new\s+Function\s*\(|setTimeout\s*\(\s*['"`]/,
      );
  });
});

describe('2. localResourceRoots limited to dist/ and media/', () => {
  it('webviewOptions allows only the extension dist/ and media/', () => {
    const o = webviewOptions(EXT as never);
    expect(o.enableScripts).toBe(true);
    expect((o.localResourceRoots ?? []).map(u => (u as unknown as { path: string }).path)).toEqual([
      '/ext/dist',
      '/ext/media',
    ]);
    expect(o).not.toHaveProperty('enableCommandUris');
  });

  it('every webview the host fills gets those options; no other resource roots anywhere', () => {
    for (const file of sourceFiles('src/extension')) {
      const text = read(file);
      if (file.endsWith('webviewHtml.ts')) continue;
      expect(text, file).not.toContain('localResourceRoots');
      if (/\.html\s*=/.test(text)) {
        expect(text, file).toContain('webviewHtml(');
        expect(text, file).toContain('webviewOptions(');
      }
    }
  });
});

/** A valid message of every webview → host type; a type without one fails the test below. */
const EXAMPLES: Record<string, WebviewMessage> = {
  ready: { type: 'ready' },
  selectTest: { type: 'selectTest', test: 'loadtest-webrtc-2024-pion-8p' },
  openTestFile: { type: 'openTestFile', test: 't', kind: 'log' },
  openSwimlane: { type: 'openSwimlane', test: 't' },
  openUserEvents: { type: 'openUserEvents', test: 't', session: '3', user: '12' },
  visibleRange: { type: 'visibleRange', test: 't', range: { start: 1, end: 2 } },
  openTimeSeries: { type: 'openTimeSeries', test: 't' },
  openStats: { type: 'openStats', test: 't' },
  openParticipants: { type: 'openParticipants', test: 't' },
  compareWithPrevious: { type: 'compareWithPrevious', test: 't' },
  compareWith: { type: 'compareWith', test: 't' },
  heatmapQuery: { type: 'heatmapQuery', metric: 'bitrate' },
  swimlaneQos: { type: 'swimlaneQos', test: 't', variant: 'inbound/jitter/video', range: null },
  swimlaneSegments: { type: 'swimlaneSegments', test: 't', range: { start: 0, end: 60 } },
  swimlaneUserQos: { type: 'swimlaneUserQos', test: 't', session: '3', user: '12' },
  seriesUsers: { type: 'seriesUsers', test: 't', key: 'qos/inbound/jitter', second: 42 },
  showUserInSwimlane: { type: 'showUserInSwimlane', test: 't', session: '3', user: '12' },
  statsQuery: {
    type: 'statsQuery',
    section: 'connection_start',
    custom: { x: [0, 0.5], y: [0.5, null] },
  },
  seriesRequest: {
    type: 'seriesRequest',
    test: 't',
    key: 'progression',
    range: null,
    columns: 800,
    id: 1,
  },
  openFailureLog: {
    type: 'openFailureLog',
    test: 't',
    session: '3',
    user: '12',
    at: 1700000000000,
  },
  readLines: { type: 'readLines', id: 3, first: 1, count: 200 },
  runQuery: { type: 'runQuery', scenario: 2, steady: { start: 30, end: 120 }, target: 500 },
  openRunFile: { type: 'openRunFile', file: 3, line: 12 },
  openRunPerUser: { type: 'openRunPerUser' },
  runCompareWithPrevious: { type: 'runCompareWithPrevious' },
  runCompareWith: { type: 'runCompareWith' },
  swapSides: { type: 'swapSides', candidate: 1 },
  exportFile: {
    type: 'exportFile',
    id: 2,
    test: 't',
    format: 'csv',
    name: 'progression.csv',
    data: 'a,b\n1,2\n',
  },
};

/** Values of the wrong JSON type for a field, except those the protocol defines as valid. */
const STILL_VALID: Record<string, Record<string, unknown[]>> = {
  visibleRange: { range: [null] },
  seriesRequest: { range: [null] },
  openStats: { test: [null] }, // null = every test
  statsQuery: { custom: [null] },
  swimlaneQos: { range: [null] },
  runQuery: { steady: [null], target: [null] },
  openRunFile: { line: [undefined] }, // no line: open at the top
  swapSides: { candidate: [42] }, // a candidate's index: up to 49
};
const WRONG = [undefined, 42, true, null, {}, [], 'x'.repeat(100_000), '12'];

function jsonType(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Every message type of every view's contract (src/shared/views/*.ts). */
function webviewMessageTypes(): string[] {
  return [...INBOUND_TYPES];
}

describe('3. every webview message validated at runtime', () => {
  const types = webviewMessageTypes();

  it('the protocol has message types, and each has an example here', () => {
    expect(types.length).toBeGreaterThanOrEqual(5);
    for (const t of types) expect(EXAMPLES, `add an example of '${t}'`).toHaveProperty(t);
  });

  it.each(types)('%s: the valid message passes, extra keys are dropped', type => {
    const example = EXAMPLES[type] as WebviewMessage;
    expect(parseWebviewMessage(example)).toEqual(example);
    const withExtra = { ...example, extra: HOSTILE, constructor: 'x', path: '../../etc/passwd' };
    expect(parseWebviewMessage(withExtra)).toEqual(example);
  });

  it.each(types)('%s: every field missing or of a wrong type is rejected', type => {
    const example = EXAMPLES[type] as unknown as Record<string, unknown>;
    for (const key of Object.keys(example)) {
      if (key === 'type') continue;
      const valid = example[key];
      for (const wrong of WRONG) {
        const sameType = jsonType(wrong) === jsonType(valid);
        // A string of the right type is wrong when too long for a name (CSV text may be long).
        const tooLong = typeof wrong === 'string' && wrong.length > 512 && key !== 'data';
        if (sameType && !tooLong) continue;
        if (STILL_VALID[type]?.[key]?.includes(wrong)) continue;
        const bad: Record<string, unknown> = { ...example, [key]: wrong };
        if (wrong === undefined) delete bad[key];
        expect(
          parseWebviewMessage(bad),
          `${type}.${key} = ${JSON.stringify(wrong)?.slice(0, 20)}`,
        ).toBeUndefined();
      }
    }
  });

  it('unknown types, non-objects and path-like numbers are rejected', () => {
    for (const raw of [
      null,
      undefined,
      'ready',
      42,
      [],
      { type: 'readFile', path: '/etc/passwd' },
      { type: '__proto__' },
    ])
      expect(parseWebviewMessage(raw)).toBeUndefined();
    for (const session of ['../1', '1/..', '%2e%2e', '1\\..', '/1', ' 1', '1e3'])
      expect(parseWebviewMessage({ ...EXAMPLES['openUserEvents'], session })).toBeUndefined();
    expect(
      parseWebviewMessage({ ...EXAMPLES['openTestFile'], kind: '../../etc/passwd' }),
    ).toBeUndefined();
    expect(parseWebviewMessage({ ...EXAMPLES['exportFile'], name: '../x.csv' })).toBeUndefined();
  });

  it('any JSON value: never throws, and what passes is a known type', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ type: fc.constantFrom(...types) }, { requiredKeys: [] }),
        ),
        raw => {
          const m = parseWebviewMessage(raw);
          if (m !== undefined) expect(types).toContain(m.type);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('only the webview host receives messages, and it validates each against its view contract', () => {
    const receivers = sourceFiles('src/extension').filter(f =>
      read(f).includes('onDidReceiveMessage'),
    );
    expect(receivers).toEqual(['src/extension/host/webviewHost.ts']);
    expect(read(receivers[0]!)).toMatch(/table\.parse\(raw\)/);
  });
});

/**
 * Places where the extension opens a file: `openTextDocument(x)`, `showTextDocument(x)` (either
 * with `vscode.Uri.file(x)`), the `vscode.open`/`vscode.openWith` commands. Each yields the
 * opened identifier, or '' when the argument is not a plain identifier.
 */
// An untitled document made from a text (`openTextDocument({ content })`) opens no file: not a site.
const OPEN_SITE =
  /(?:openTextDocument|showTextDocument)\((?!\s*\{\s*content\b)\s*(?:vscode\.Uri\.file\()?([\w.]*)|executeCommand\(\s*'vscode\.open(?:With)?'\s*,\s*(?:vscode\.Uri\.file\()?([\w.]*)|command:\s*'vscode\.open(?:With)?'/g;

function openSites(text: string): string[] {
  return [...text.matchAll(OPEN_SITE)].map(m => m[1] ?? m[2] ?? '');
}

/**
 * Opening sites whose file does not come from the resolver: the identifier must be a `const`
 * assigned from `resolveInsideRoot(`, from navigation's `documentInside(` (which resolves), from
 * an `openTextDocument(` call (itself checked as a site), or the `uri` of the `document` VS Code
 * gave a custom editor (a custom editor opened again on its own file, customEditor.ts).
 */
function unresolvedOpens(text: string): string[] {
  return openSites(text)
    .filter(
      arg =>
        !/^\w+$/.test(arg) ||
        !new RegExp(
          `const ${arg} =[^;]*?(?:resolveInsideRoot|documentInside|openTextDocument)\\(|const ${arg} = document\\.uri;`,
        ).test(text),
    )
    .map(arg => arg || '(not a plain identifier)');
}

describe('4. files a webview names: inside the opened root only', () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'ltl-sec-')));
  const root = join(base, 'root');
  const outside = join(base, 'secret.txt');
  const userDir = join(root, 'stats', 't', 'LoadTestSession1', 'User1');
  mkdirSync(userDir, { recursive: true });
  mkdirSync(join(root, 'logs'));
  writeFileSync(join(userDir, 'events.json'), '[]');
  writeFileSync(join(root, 'logs', 't.log'), 'x');
  writeFileSync(outside, 'secret');
  mkdirSync(join(base, 'elsewhere'));
  writeFileSync(join(base, 'elsewhere', 'events.json'), '[]');
  symlinkSync(outside, join(root, 'logs', 'out.log'));
  symlinkSync(join(base, 'elsewhere'), join(root, 'stats', 'linked'));
  symlinkSync(join(root, 'logs', 't.log'), join(root, 'logs', 'in.log'));
  symlinkSync(root, join(base, 'root-link'));
  writeFileSync(join(root, 'logs', '..%2Fsecret.txt'), 'a literal name');

  it.each([
    ['../secret.txt'],
    ['logs/../../secret.txt'],
    [outside],
    ['/etc/passwd'],
    ['logs/out.log'], // symlink to a file outside
    ['stats/linked/events.json'], // through a symlinked folder outside
    ['..%2Fsecret.txt'], // encoded separators are not decoded
    ['%2e%2e/secret.txt'],
    ['logs%2F..%2F..%2Fsecret.txt'],
    ['logs/missing.log'],
    [''],
    ['logs/t.log\0.txt'],
  ])('refuses %j', async file => {
    expect(await resolveInsideRoot(root, file)).toBeUndefined();
  });

  it('accepts files inside, by relative or absolute path, links that stay inside', async () => {
    const events = join(userDir, 'events.json');
    expect(await resolveInsideRoot(root, events)).toBe(events);
    expect(await resolveInsideRoot(root, 'stats/t/LoadTestSession1/User1/events.json')).toBe(
      events,
    );
    expect(await resolveInsideRoot(root, 'logs/../logs/t.log')).toBe(join(root, 'logs', 't.log'));
    expect(await resolveInsideRoot(root, 'logs/in.log')).toBe(join(root, 'logs', 't.log'));
    expect(await resolveInsideRoot(join(base, 'root-link'), 'logs/t.log')).toBe(
      join(root, 'logs', 't.log'),
    );
    expect(await resolveInsideRoot(root, 'logs/..%2Fsecret.txt')).toBe(
      join(root, 'logs', '..%2Fsecret.txt'),
    );
  });

  it('every document the extension opens comes from the resolver (call-site scan)', () => {
    const sites: string[] = [];
    for (const file of sourceFiles('src/extension')) {
      const text = read(file);
      for (const problem of unresolvedOpens(text)) sites.push(`${file}: ${problem}`);
    }
    expect(sites).toEqual([]);
    // The scan finds the opening sites it must: navigation.ts opens logs and user files.
    expect(openSites(read('src/extension/navigation.ts')).length).toBeGreaterThanOrEqual(3);
  });

  it('the call-site scan fails on a file opened without the resolver', () => {
    const bad = [
      'const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(test.logFile));',
      'const file = join(root, "logs", name);\nawait vscode.window.showTextDocument(vscode.Uri.file(file));',
      "item.command = { command: 'vscode.open', arguments: [vscode.Uri.file(u.eventsFile)] };",
      "await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(path));",
    ];
    for (const text of bad) expect(unresolvedOpens(text), text).not.toEqual([]);
    const good =
      'const file = await resolveInsideRoot(root, name);\nawait vscode.window.showTextDocument(vscode.Uri.file(file));';
    expect(unresolvedOpens(good)).toEqual([]);
    const reopened =
      "const again = document.uri;\nawait vscode.commands.executeCommand('vscode.openWith', again, type);";
    expect(unresolvedOpens(reopened)).toEqual([]);
    const untitled =
      "const document = await vscode.workspace.openTextDocument({\n  content: text,\n  language: 'plaintext',\n});\nawait vscode.window.showTextDocument(document);";
    expect(unresolvedOpens(untitled)).toEqual([]);
    expect(unresolvedOpens('await vscode.workspace.openTextDocument({ uri: file });')).not.toEqual(
      [],
    );
  });

  it('the host opens a file for a webview only through resolveInsideRoot', () => {
    for (const file of sourceFiles('src/extension')) {
      const text = read(file);
      // Every file that receives or handles webview messages.
      if (!/onDidReceiveMessage|WebviewMessage/.test(text)) continue;
      for (const [, arg] of text.matchAll(
        /(?:Uri\.file|openTextDocument|stat|readFile|createReadStream)\((\w+)/g,
      ))
        expect(text, `${file}: ${arg}`).toMatch(
          new RegExp(`const ${arg} = [^;]*resolveInsideRoot\\(`),
        );
    }
  });
});

describe('5. user strings rendered escaped', () => {
  it('no HTML sink in any webview source: text goes through DOM text APIs', () => {
    for (const file of sourceFiles('src/webview'))
      expect(read(file), file).not.toMatch(
        /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|DOMParser|srcdoc|createContextualFragment/,
      );
  });

  it.each(WEBVIEWS)('%s: the page title (the root name) is escaped', name => {
    const html = htmlOf(name, `root ${HOSTILE}`);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });
});

describe('6. untrusted workspaces', () => {
  const manifest = JSON.parse(read('package.json')) as {
    capabilities?: {
      untrustedWorkspaces?: {
        supported: boolean | 'limited';
        description?: string;
        restrictedConfigurations?: string[];
      };
    };
    contributes?: {
      configuration?: { properties?: Record<string, { type?: string; description?: string }> };
    };
  };

  /** A manifest string with its `%key%` placeholder replaced by package.nls.json's English text. */
  const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
  const localized = (text = ''): string =>
    text.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? '');

  it('declares support: only reading, every setting that could name a program restricted', () => {
    const u = manifest.capabilities?.untrustedWorkspaces;
    expect(u?.supported === true || u?.supported === 'limited').toBe(true);
    expect(localized(u?.description)).toMatch(/read/i);
    const risky = Object.entries(manifest.contributes?.configuration?.properties ?? {})
      .filter(([key, p]) =>
        /path|command|executable|program|python|script/i.test(`${key} ${localized(p.description)}`),
      )
      .map(([key]) => key);
    if (risky.length > 0) {
      expect(u?.supported).toBe('limited');
      expect(u?.restrictedConfigurations ?? []).toEqual(expect.arrayContaining(risky));
    }
  });

  it('nothing in the extension, core, shared or webview code runs a program or evaluates code', () => {
    for (const dir of ['src/extension', 'src/core', 'src/shared', 'src/webview'])
      for (const file of sourceFiles(dir)) {
        const text = read(file);
        expect(text, file).not.toMatch(
          /child_process|node:vm\b|\bvm\.run|\beval\s*\(|new\s+Function\s*\(/,
        );
        // Modules and workers load only literal paths or the extension's own bundle.
        expect(text, file).not.toMatch(/\brequire\s*\(\s*[^'"`\s)]/);
        expect(text, file).not.toMatch(/\bimport\s*\(\s*[^'"`\s)]/);
      }
  });

  it("workers run the extension's own worker bundle, never a path from the folder", () => {
    const ext = read('src/extension/extension.ts');
    expect(ext).toMatch(/extensionUri[^;]*'dist'[^;]*'worker\.js'|asAbsolutePath\([^)]*worker\.js/);
    for (const file of sourceFiles('src/core'))
      for (const [, arg] of read(file).matchAll(/new Worker\((\w+(?:\.\w+)*)/g))
        expect(arg, file).toBe('this.script');
  });
});
