/**
 * `saveExport` with VS Code's save dialog and file system: what a view session calls when its
 * webview sends a validated `exportFile` message.
 */
import * as vscode from 'vscode';
import type { ExportFile, ExportFormat, ExportResult } from '../shared/views/common';
import { saveExport } from './exportSave';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  png: { 'PNG image': ['png'] },
  csv: { 'CSV table': ['csv'] },
};

export function saveExportWithDialog(message: ExportFile): Promise<ExportResult> {
  return saveExport(message, {
    showSaveDialog: async (defaultPath, format) =>
      (
        await vscode.window.showSaveDialog({
          defaultUri: vscode.Uri.file(defaultPath),
          filters: FILTERS[format],
          title: vscode.l10n.t('Export {0}', format.toUpperCase()),
        })
      )?.fsPath,
    writeFile: (path, bytes) =>
      Promise.resolve(vscode.workspace.fs.writeFile(vscode.Uri.file(path), bytes)),
  });
}
