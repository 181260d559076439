import { describe, expect, it } from 'vitest';
import {
  command,
  InboundTable,
  request,
  RequestPort,
  type WireMessage,
} from '../../../src/shared/ipc';

const greet = command('greet', m =>
  typeof m['name'] === 'string' ? { name: m['name'] } : undefined,
);
const add = request('add', m =>
  typeof m['a'] === 'number' && typeof m['b'] === 'number' ? { a: m['a'], b: m['b'] } : undefined,
).returns<number>();

describe('InboundTable', () => {
  const table = new InboundTable({ greet }, { add });

  it('validates a command with its own check and drops extra fields', () => {
    expect(table.parse({ type: 'greet', name: 'x', path: '../etc' })).toEqual({
      descriptor: greet,
      key: 'greet',
      params: { name: 'x' },
    });
  });

  it('refuses unknown types, malformed params and non-objects', () => {
    for (const raw of [null, 1, 'greet', [], { type: 'other' }, { type: 'greet', name: 3 }])
      expect(table.parse(raw)).toBeUndefined();
  });

  it('needs a whole-number id on a request', () => {
    expect(table.parse({ type: 'add', a: 1, b: 2 })).toBeUndefined();
    expect(table.parse({ type: 'add', a: 1, b: 2, id: 1.5 })).toBeUndefined();
    expect(table.parse({ type: 'add', a: 1, b: 2, id: 7 })?.id).toBe(7);
  });

  it('refuses two messages of the same type', () => {
    expect(() => new InboundTable({ greet }, { again: greet })).toThrow(/greet/);
  });
});

describe('RequestPort', () => {
  it('numbers requests and settles each with its own reply, in any order', async () => {
    const sent: WireMessage[] = [];
    const port = new RequestPort(m => sent.push(m));
    const first = port.request(add, { a: 1, b: 2 });
    const second = port.request(add, { a: 3, b: 4 });
    expect(sent).toEqual([
      { type: 'add', a: 1, b: 2, id: 1 },
      { type: 'add', a: 3, b: 4, id: 2 },
    ]);
    expect(port.settle({ type: 'reply', inReplyTo: 2, result: 7 })).toBe(true);
    expect(port.settle({ type: 'reply', inReplyTo: 1, result: 3 })).toBe(true);
    await expect(first).resolves.toBe(3);
    await expect(second).resolves.toBe(7);
    expect(port.waiting).toBe(0);
  });

  it('rejects with the host error, and ignores events and unknown replies', async () => {
    const port = new RequestPort(() => undefined);
    const asked = port.request(add, { a: 1, b: 1 });
    expect(port.settle({ type: 'stats' })).toBe(false);
    expect(port.settle({ type: 'reply', inReplyTo: 99, result: 0 })).toBe(false);
    expect(port.settle({ type: 'reply', inReplyTo: 1, error: 'no test' })).toBe(true);
    await expect(asked).rejects.toThrow('no test');
  });
});
