/* global document -- used in page.waitForFunction callbacks, which run in the page */
// Driving the VS Code workbench (code-server) with playwright-core and Debian's chromium.
// Selectors are the ones that work with code-server 4.100.3 / Code 1.100.3 (docs/e2e.md).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './code-server.mjs';

/** `?folder=…&payload=[["openFile", …]]`: the web workbench opens `openFile` once loaded. */
export function workbenchUrl(base, folder, openFile) {
  const url = new URL(base);
  url.searchParams.set('folder', folder);
  if (openFile) {
    const file = new URL(`vscode-remote://${url.host}`);
    file.pathname = openFile;
    url.searchParams.set('payload', JSON.stringify([['openFile', file.href]]));
  }
  return url.href;
}

/** Chromium, headless, with its profile and caches under `workDir` (env from CodeServer). */
export async function launchBrowser(env) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env,
  });
}

/**
 * Runs `attempt` until it returns, calling `recover` after each failure, and throws the last
 * failure once `timeout` ms have passed: the workbench's menus and quick picks close when focus
 * moves, and its commands appear once the extension host has read the extension, so a gesture
 * that fails on a loaded machine is tried again rather than waited for by the clock.
 */
async function retryUntil(timeout, attempt, recover) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await recover();
    }
  }
}

/**
 * A page on the workbench plus everything it logged. Console messages from the webview frames
 * (service worker origin `vscode-cdn.net`) are reported by Playwright on the page too.
 */
export class Workbench {
  constructor(page) {
    this.page = page;
    this.messages = [];
    page.on('console', msg => {
      const where = msg.location()?.url || '';
      // the webview host frame's own log (index.html) says how its service worker came up
      const workerLog = /service worker/i.test(msg.text()) && /vscode-cdn\.net/.test(where);
      if (msg.type() === 'error' || msg.type() === 'warning' || workerLog)
        this.messages.push({ type: msg.type(), text: msg.text(), where });
    });
    page.on('pageerror', error => this.messages.push({ type: 'pageerror', text: String(error) }));
  }

  static async open(browser, url, { width = 1600, height = 1000 } = {}) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    const workbench = new Workbench(page);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
    return workbench;
  }

  /** Errors worth showing, without the known harmless noise of an OSS build (docs/e2e.md). */
  errors() {
    return this.messages.filter(
      m =>
        (m.type === 'error' || m.type === 'pageerror') &&
        !/vsda|ERR_ABORTED|open-vsx|favicon|Failed to load resource.*404/i.test(
          `${m.text} ${m.where}`,
        ),
    );
  }

  webviewErrors() {
    return this.messages.filter(
      m =>
        m.type !== 'log' &&
        /vscode-cdn\.net|webview/i.test(`${m.where} ${m.text}`) &&
        !/allow-scripts and allow-same-origin|Canvas2D: Multiple readback/.test(m.text),
    );
  }

  describeMessages() {
    const workerLog = this.messages.filter(m => m.type === 'log');
    const shown = new Set([...this.errors(), ...this.webviewErrors(), ...workerLog]);
    return this.messages
      .filter(m => shown.has(m) && !/Canvas2D: Multiple readback/.test(m.text))
      .map(m => `  [${m.type}] ${m.text}${m.where ? ` (${m.where})` : ''}`)
      .join('\n');
  }

  /** The inner frame of the (single) visible webview. */
  webview() {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  explorerRow(text) {
    return this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: text }).first();
  }

  async showExplorer() {
    const row = this.page.locator('.explorer-folders-view .monaco-list-row').first();
    if (!(await row.isVisible())) await this.runCommand('View: Show Explorer');
    await row.waitFor({ timeout: 20_000 });
  }

  /**
   * Right-click → context menu item (menus render in a shadow root; Playwright pierces it).
   * Retried: until the extension host has registered the extension, its items are missing.
   */
  async contextMenu(target, item, { timeout = 30_000 } = {}) {
    const action = this.page.locator('.monaco-menu .action-item', { hasText: item }).first();
    await retryUntil(
      timeout,
      async () => {
        await target.click({ button: 'right' });
        await action.waitFor({ timeout: 2_000 });
      },
      () => this.dismiss(500),
    );
    // A click that lands while the menu is still settling can be swallowed (the item stays
    // highlighted, the menu open): then the highlighted item is triggered with Enter.
    await action.hover();
    await action.click();
    const menu = this.page.locator('.monaco-menu').first();
    if (await menu.isVisible()) {
      await this.page.waitForTimeout(300);
      if (await menu.isVisible()) await this.page.keyboard.press('Enter');
    }
    await menu.waitFor({ state: 'hidden', timeout: 5_000 });
  }

  /** Quick-input rows whose label is `label` exactly, or starts with it (`prefix`). */
  quickPickRow(label, { prefix = false } = {}) {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const name = new RegExp(`^${escaped}${prefix ? '' : '$'}`);
    return this.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: name }) })
      .first();
  }

  /**
   * F1 → type the command's title → click the row whose label starts with it (retried like
   * contextMenu: commands of an extension appear once the extension host has read it).
   */
  async runCommand(title, { timeout = 30_000 } = {}) {
    const input = this.page.locator('.quick-input-widget input');
    const row = this.quickPickRow(title, { prefix: true });
    await retryUntil(
      timeout,
      async () => {
        if (!(await input.isVisible())) {
          await this.page.keyboard.press('F1');
          await input.waitFor({ timeout: 2_000 });
        }
        await input.fill(`>${title}`);
        await row.waitFor({ timeout: 2_000 });
      },
      () => this.dismiss(500),
    );
    await row.click();
  }

  /**
   * Runs a command that shows a quick pick, and returns its row `label` once shown. The command
   * runs again when its pick closed before the row showed: a quick pick closes when focus moves
   * (a webview still settling takes it), which a loaded machine makes likely.
   */
  async commandPick(title, label, { prefix = false, timeout = 90_000 } = {}) {
    const row = this.quickPickRow(label, { prefix });
    await retryUntil(
      timeout,
      async () => {
        await this.runCommand(title);
        await row.waitFor({ timeout: 10_000 });
      },
      () => this.dismiss(0),
    );
    return row;
  }

  /**
   * Ctrl+P → file name → Enter (Quick Open searches with the seeded ripgrep), until the file's
   * tab is active: Quick Open closes when focus moves (a webview still settling takes it), which
   * a loaded machine makes likely, and then it opens again.
   */
  async quickOpen(fileName, { timeout = 90_000 } = {}) {
    const input = this.page.locator('.quick-input-widget input');
    const active = this.page.locator('.tabs-container .tab.active', { hasText: fileName });
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: fileName });
    await retryUntil(
      timeout,
      async () => {
        await this.page.keyboard.press('Control+P');
        await input.waitFor({ timeout: 10_000 });
        await input.fill(fileName);
        await row.first().waitFor({ timeout: 20_000 });
        await input.press('Enter');
        await active.waitFor({ timeout: 10_000 });
      },
      () => this.dismiss(0),
    );
  }

  /** Escape closes what a failed attempt left open (a menu, a quick pick); then a pause. */
  async dismiss(pauseMs) {
    await this.page.keyboard.press('Escape');
    if (pauseMs > 0) await this.page.waitForTimeout(pauseMs);
  }

  /** Number of editor groups that show an editor. */
  async editorGroupsWithEditors() {
    return this.page.locator('.editor-group-container:has(.tabs-container .tab)').count();
  }

  async closeAllEditors() {
    await this.runCommand('View: Close All Editors');
    await this.page.locator('iframe.webview.ready').waitFor({ state: 'detached', timeout: 10_000 });
  }

  /**
   * Picks a color theme (an entry of THEMES) through "Preferences: Color Theme" and waits until
   * the workbench uses its kind. Rewriting settings.json is not picked up live by code-server's
   * web workbench; the picker is.
   */
  async setColorTheme({ label, kind }) {
    await this.runCommand('Preferences: Color Theme');
    const input = this.page.locator('.quick-input-widget input[placeholder*="Color Theme"]');
    await input.fill(label);
    await this.quickPickRow(label).click();
    await this.page.waitForFunction(
      k => {
        const wb = document.querySelector('.monaco-workbench');
        const kinds = ['vs', 'vs-dark', 'hc-black', 'hc-light'];
        return wb?.classList.contains(k) && !kinds.some(o => o !== k && wb.classList.contains(o));
      },
      kind,
      { timeout: 15_000 },
    );
  }

  async screenshot(dir, name) {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}
