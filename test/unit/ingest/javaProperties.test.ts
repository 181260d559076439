// application.properties read as java.util.Properties.load reads it. The expected values were
// printed by Java itself (scripts/fixtures/java-properties/PropertiesJson.java on Debian's
// OpenJDK 17, test/fixtures/real/properties/README.md); the line numbers are counted by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJavaProperties } from '../../../src/core/ingest/javaProperties';

const DIR = join(__dirname, '../../fixtures/real/properties');

describe('readJavaProperties', () => {
  const read = readJavaProperties(readFileSync(join(DIR, 'application.properties'), 'utf8'));

  it('gives every key the value Java gives it (the last occurrence wins, as in Java)', () => {
    const expected = JSON.parse(
      readFileSync(join(DIR, 'application.expected.json'), 'utf8'),
    ) as Record<string, string>;
    const last = Object.fromEntries(read.map(p => [p.key, p.value]));
    expect(last).toEqual(expected);
  });

  it('names the line each logical line starts on', () => {
    const lines = (key: string) => read.filter(p => p.key === key).map(p => p.line);
    expect(lines('OPENVIDU_URL')).toEqual([3]);
    expect(lines('SECONDS_TO_WAIT_BETWEEN_PARTICIPANTS')).toEqual([7, 20]);
    expect(lines('WORKER_URL_LIST')).toEqual([9]);
    expect(lines('NEXT_KEY')).toEqual([18]);
    expect(lines('CRLF_CONT')).toEqual([25]);
  });

  it('drops a continuation backslash on the last line, keeps an escaped one', () => {
    expect(readJavaProperties('A=x\\')).toEqual([{ key: 'A', value: 'x', line: 1 }]);
    expect(readJavaProperties('A=x\\\\')).toEqual([{ key: 'A', value: 'x\\', line: 1 }]);
  });
});
