/**
 * The host half of PNG/CSV export (the webview half is src/webview/common/export.ts): an
 * `exportFile` request, already validated against src/shared/views/common.ts, is written only where the
 * user chooses in a save dialog. The dialog starts in the user's home folder with the suggested
 * name — never in the result root, so an export cannot land among the results by default.
 * Free of `vscode` (the dialog and the write are passed in), so it is unit-tested with fakes.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ExportFile, ExportFormat, ExportResult } from '../shared/views/common';

export interface ExportSaveDeps {
  /** Shows a save dialog starting at `defaultPath`; the chosen path, or undefined (cancelled). */
  showSaveDialog(defaultPath: string, format: ExportFormat): Promise<string | undefined>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  /** Folder the dialog starts in (default: the user's home folder). */
  readonly defaultFolder?: string;
}

/** The bytes to write: decoded PNG, or the CSV as UTF-8. */
export function exportBytes(message: ExportFile): Uint8Array {
  return message.format === 'png'
    ? Buffer.from(message.data, 'base64')
    : Buffer.from(message.data, 'utf8');
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Asks where to save `message` and writes it there; the answer for the webview. */
export async function saveExport(message: ExportFile, deps: ExportSaveDeps): Promise<ExportResult> {
  const { format } = message;
  const result = (outcome: ExportResult['outcome'], text: string): ExportResult => ({
    format,
    outcome,
    message: text,
  });
  const bytes = exportBytes(message);
  if (format === 'png' && !isPng(bytes)) return result('failed', 'The chart image is not a PNG.');
  const target = await deps.showSaveDialog(
    join(deps.defaultFolder ?? homedir(), message.name),
    format,
  );
  if (target === undefined) return result('cancelled', 'Export cancelled.');
  try {
    await deps.writeFile(target, bytes);
    return result('saved', `Saved ${format.toUpperCase()} to ${target}`);
  } catch (err) {
    return result('failed', `Could not save ${target}: ${String(err)}`);
  }
}
