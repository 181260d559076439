import * as vscode from 'vscode';

export interface LensSettings {
  readonly logTimezone: string;
  readonly discoverRoots: boolean;
  readonly maxConcurrentReads: number;
}

export function readSettings(): LensSettings {
  const c = vscode.workspace.getConfiguration('loadtestLens');
  return {
    logTimezone: c.get<string>('logTimezone', 'auto'),
    discoverRoots: c.get<boolean>('discoverRoots', true),
    maxConcurrentReads: c.get<number>('maxConcurrentReads', 16),
  };
}
