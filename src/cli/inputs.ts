/**
 * Which folders each command reads, decided from the one shared detection (detectFolder), so
 * that a folder gets the same answer from every command; a folder a command cannot read is a
 * clear message and exit 2 before any work.
 */
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
