import { describe, expect, it } from 'vitest';
import { parseBatches } from '../../../src/core/ingest/batches';

describe('batches.json', () => {
  it('reads every test and rejects bad entries with their path', () => {
    const r = parseBatches(
      '{"a":{"startingParticipants":2,"batchSize":4},"b":{"startingParticipants":-1,"batchSize":4},"c":{"batchSize":0}}',
      'f',
    );
    expect([...r.tests.entries()]).toEqual([['a', { startingParticipants: 2, batchSize: 4 }]]);
    expect(r.diagnostics.map(d => d.jsonPath)).toEqual(['["b"]', '["c"]']);
  });
  it('reports invalid JSON and a non-object', () => {
    expect(parseBatches('{', 'f').diagnostics[0]?.code).toBe('json.invalid');
    expect(parseBatches('[]', 'f').diagnostics[0]?.code).toBe('batches.notObject');
  });
});
