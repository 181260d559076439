import * as vscode from 'vscode';

export interface LensSettings {
  readonly logTimezone: string;
  readonly discoverRoots: boolean;
  /** Ingest workers; 0 = one per core. */
  readonly maxWorkers: number;
}

export function readSettings(): LensSettings {
  const c = vscode.workspace.getConfiguration('loadtestLens');
  return {
    logTimezone: c.get<string>('logTimezone', 'auto'),
    discoverRoots: c.get<boolean>('discoverRoots', true),
    maxWorkers: c.get<number>('maxWorkers', 0),
  };
}
