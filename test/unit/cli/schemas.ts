/**
 * JSON-schema validation for the CLI tests: the SARIF 2.1.0 schema (OASIS, copied verbatim from
 * oasis-tcs/sarif-spec sarif-2.1/schema/sarif-schema-2.1.0.json into test/fixtures/schemas) and
 * the published schemas of docs/schemas, through ajv (in node_modules through the dev tools).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..', '..');

function ajv(): Ajv {
  const a = new Ajv({ allErrors: true, strict: false });
  a.addFormat('uri', s => /^[a-z][a-z0-9+.-]*:/i.test(s));
  a.addFormat('uri-reference', () => true);
  a.addFormat('date-time', s => !Number.isNaN(Date.parse(s)));
  return a;
}

/** The SARIF 2.1.0 validator. The schema is draft-04: its `id` is the draft-07 `$id`. */
export function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(
    readFileSync(join(REPO, 'test', 'fixtures', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'),
  ) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  return ajv().compile({ ...rest, $id: id as string });
}

/** The validator of docs/schemas/<name>.schema.json (the others loaded for its `$ref`s). */
export function docsValidator(name: string): ValidateFunction {
  const a = ajv();
  const dir = join(REPO, 'docs', 'schemas');
  for (const f of readdirSync(dir))
    a.addSchema(JSON.parse(readFileSync(join(dir, f), 'utf8')) as object);
  const v = a.getSchema(`${name}.schema.json`);
  if (!v) throw new Error(`no schema ${name}`);
  return v;
}

/** The validation errors, readable in a failing expectation. */
export function errorsOf(v: ValidateFunction, value: unknown): string[] {
  return v(value) ? [] : (v.errors ?? []).map(e => `${e.instancePath} ${e.message ?? ''}`);
}
