/**
 * Which folders each command reads, decided from the one shared detection (detectFolder), so
 * that a folder gets the same answer from every command; a folder a command cannot read is a
 * clear message and exit 2 before any work.
 */
import { basename } from 'node:path';
import { detectFolder, type FolderDetection, type FolderKind } from '../core/source/resultRoot';
import { EXIT } from './exit';
import type { CliIo } from './io';

/** What each command reads. analyze and compare compute from stats/, which a logs-only root lacks. */
export const ACCEPTS: Readonly<Record<string, readonly FolderKind[]>> = {
  summary: ['root', 'testFolder', 'logsOnly'],
  report: ['root', 'testFolder', 'logsOnly'],
  analyze: ['root', 'testFolder'],
  compare: ['root', 'testFolder'],
};

/** Why `command` does not read the folder `d` (`run` lists its runs itself: see run.ts). */
export function folderRefusal(command: string, d: FolderDetection): string {
  if (d.kind === 'none')
    return command === 'run'
      ? `${d.path} ${d.reason}: nothing to read (it has no report-<ts>.html or results-<ts>.txt, at its top or in results/).`
      : `${d.path} ${d.reason}: nothing to read.`;
  if (d.kind === 'run')
    return `${d.path} is ${d.reason}, not a notebook result root; read it with:\n  loadtest-lens run ${d.path}`;
  if (command === 'run')
    return `${d.path} is ${d.reason}, not a run of today's tool (no report-<ts>.html or results-<ts>.txt at its top or in results/); read it with:\n  loadtest-lens summary ${d.path}`;
  return `${d.path}: ${d.reason}. "${command}" computes from stats/<test>/…/events.json, which this folder does not have; "summary" and "report" read what the logs hold.`;
}

/**
 * Detects each input folder; undefined when the command reads them all, else exit 2 after
 * saying why (the detection's reason).
 */
export async function checkInputFolders(
  command: string,
  paths: readonly string[],
  io: CliIo,
): Promise<number | undefined> {
  const accepted = ACCEPTS[command] ?? [];
  for (const path of [...new Set(paths)]) {
    const d = await detectFolder(path);
    if (!accepted.includes(d.kind)) {
      io.stderr(`loadtest-lens ${command}: ${folderRefusal(command, d)}\n`);
      return EXIT.badInput;
    }
  }
  return undefined;
}

/** A test's stats folder inside a whole result root: the root and the test's name. */
export interface EnclosedTest {
  readonly root: string;
  readonly test: string;
}

/**
 * `<root>/stats/<test>` given where a root is read: that test of the root, so that its log, CPU
 * samples, QoE and batch settings (beside stats/, not inside it) are read too, as the extension
 * does when a test folder is opened. Undefined for any other folder (a test folder on its own is
 * read alone).
 */
export async function enclosedTest(path: string): Promise<EnclosedTest | undefined> {
  const d = await detectFolder(path);
  if (d.kind !== 'testFolder' || !d.enclosingRoot) return undefined;
  return { root: d.enclosingRoot, test: basename(path) };
}

/** Says on stderr that the test folder `path` is read as a test of its root. */
export function sayEnclosed(command: string, path: string, e: EnclosedTest, io: CliIo): void {
  io.stderr(
    `loadtest-lens ${command}: ${path} is the stats folder of test "${e.test}"; reading that test of the result root ${e.root} (its log, CPU, QoE and batches are there).\n`,
  );
}

/** What summary, analyze and report read: a root and, when asked, some of its tests. */
export interface RootTests {
  readonly root: string;
  readonly tests?: readonly string[];
}

/**
 * The root and tests for the folder given (see enclosedTest); a string is the usage error when
 * a test folder is given with --tests.
 */
export async function rootTestsOf(
  command: string,
  given: RootTests,
  io: CliIo,
): Promise<RootTests | string> {
  const enclosed = await enclosedTest(given.root);
  if (!enclosed) return given;
  if (given.tests)
    return `${given.root} is one test's folder: give its root ${enclosed.root} with --tests, or the test folder alone`;
  sayEnclosed(command, given.root, enclosed, io);
  return { root: enclosed.root, tests: [enclosed.test] };
}
