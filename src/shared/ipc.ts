/**
 * Typed messages between the extension host and a webview, each defined once (after GitLens's
 * IpcCommand/IpcRequest/IpcNotification descriptors and hexeditor's MessageHandler):
 *
 * - `command(type, check)`: webview → host, no answer. `check` validates the untrusted message
 *   and its return type *is* the message's type, so a message without a validator cannot exist.
 * - `request(type, check).returns<R>()`: webview → host, answered with an `R` (a promise on the
 *   webview side; ids and replies are paired by {@link RequestPort}, not by hand).
 * - `event<P>(type)`: host → webview (trusted direction: typed, not validated).
 *
 * On the wire a message is `{ type, ...params }` (a request adds `id`; its reply is
 * `{ type: 'reply', inReplyTo, result }` or `{ …, error }`), so a webview's messages read the same
 * in a DOM test as in VS Code. Each view lists its messages in a {@link Contract}
 * (src/shared/views/<view>.ts); the host accepts only the messages of the view it hosts.
 */

/** A runtime check of an untrusted message: its params, typed, or undefined when malformed. */
export type Check<P> = (message: Readonly<Record<string, unknown>>) => P | undefined;

/** A type carried by a descriptor for the compiler only (never set at run time). */
interface Phantom<T> {
  readonly phantom: T;
}

/** Webview → host, no answer. */
export interface Command<P, T extends string = string> {
  readonly kind: 'command';
  readonly type: T;
  readonly check: Check<P>;
}

/** Webview → host, answered with an `R`. `result` only carries the type. */
export interface Request<P, R, T extends string = string> {
  readonly kind: 'request';
  readonly type: T;
  readonly check: Check<P>;
  readonly result?: Phantom<R>;
}

/** Host → webview. `params` only carries the type. */
export interface Event<P, T extends string = string> {
  readonly kind: 'event';
  readonly type: T;
  readonly params?: Phantom<P>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- descriptor tables hold any params */
export type AnyInbound = Command<any> | Request<any, any>;
export type AnyEvent = Event<any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export type ParamsOf<M> =
  M extends Command<infer P> ? P : M extends Request<infer P, unknown> ? P : never;
export type ResultOf<M> = M extends Request<unknown, infer R> ? R : void;

/** The wire form `{ type, ...params }` of a descriptor (a union for a union of descriptors). */
export type MessageOf<M> =
  M extends Event<infer P, infer T>
    ? { readonly type: T } & P
    : M extends Command<infer P, infer T>
      ? { readonly type: T } & P
      : M extends Request<infer P, unknown, infer T>
        ? { readonly type: T } & P
        : never;

export function command<T extends string, P>(type: T, check: Check<P>): Command<P, T> {
  return { kind: 'command', type, check };
}

/** `request(type, check).returns<R>()`: the params type is inferred from `check`, the result named. */
export function request<T extends string, P>(
  type: T,
  check: Check<P>,
): { returns<R>(): Request<P, R, T> } {
  return { returns: () => ({ kind: 'request', type, check }) };
}

/** `event(type).carries<P>()`. */
export function event<T extends string>(type: T): { carries<P>(): Event<P, T> } {
  return { carries: () => ({ kind: 'event', type }) };
}

/** A command without params (`{ type }` only). */
export function bare<T extends string>(type: T): Command<Record<never, never>, T> {
  return command(type, () => ({}));
}

/** What one view exchanges with the host, besides the messages every view has. */
export interface Contract {
  /** The view's name: its bundle is dist/webview-<name>.js (src/webview/<name>/main.ts). */
  readonly name: string;
  /** Webview → host. */
  readonly inbound: Readonly<Record<string, AnyInbound>>;
  /** Host → webview. */
  readonly events: Readonly<Record<string, AnyEvent>>;
}

/** Every event a contract's host may send, as wire messages. */
export type EventsOf<C extends Contract> = MessageOf<C['events'][keyof C['events']]>;
/** Every message a contract's webview may send, as wire messages. */
export type InboundOf<C extends Contract> = MessageOf<C['inbound'][keyof C['inbound']]>;

/** A message on the wire. */
export interface WireMessage {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** The host's answer to request `inReplyTo`. */
export interface ReplyMessage {
  readonly type: 'reply';
  readonly inReplyTo: number;
  readonly result?: unknown;
  readonly error?: string;
}

export const REPLY = 'reply';

/** The wire form of an event or command: `{ type, ...params }`. */
export function wire<P>(descriptor: { readonly type: string }, params: P): WireMessage {
  return { ...(params as object), type: descriptor.type };
}

/** A request id: a whole number the webview chose (echoed back, never trusted further). */
export function requestId(raw: Readonly<Record<string, unknown>>): number | undefined {
  const id = raw['id'];
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < 2 ** 31 ? id : undefined;
}

/** An inbound message, validated against the descriptors it may be; undefined when it is none. */
export interface Inbound {
  readonly descriptor: AnyInbound;
  /** The key of the descriptor in its table (its handler's name). */
  readonly key: string;
  readonly params: unknown;
  /** Set for a request. */
  readonly id?: number;
}

/** Finds the descriptor a raw message names and validates the message with it. */
export class InboundTable {
  private readonly byType = new Map<string, { key: string; descriptor: AnyInbound }>();

  constructor(...tables: Readonly<Record<string, AnyInbound>>[]) {
    for (const table of tables)
      for (const [key, descriptor] of Object.entries(table)) {
        if (this.byType.has(descriptor.type))
          throw new Error(`Two messages are named "${descriptor.type}".`);
        this.byType.set(descriptor.type, { key, descriptor });
      }
  }

  parse(raw: unknown): Inbound | undefined {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
    const message = raw as Readonly<Record<string, unknown>>;
    const type = message['type'];
    const entry = typeof type === 'string' ? this.byType.get(type) : undefined;
    if (!entry) return undefined;
    const id = requestId(message);
    if (entry.descriptor.kind === 'request' && id === undefined) return undefined;
    const params = entry.descriptor.check(message);
    if (params === undefined) return undefined;
    return {
      descriptor: entry.descriptor,
      key: entry.key,
      params,
      ...(id === undefined ? {} : { id }),
    };
  }
}

/**
 * The webview's half of request/response: numbered requests and the promises waiting for their
 * replies (hexeditor's MessageHandler). `post` sends a wire message to the host.
 */
export class RequestPort {
  private next = 1;
  private readonly pending = new Map<
    number,
    { resolve(value: unknown): void; reject(reason: Error): void }
  >();

  constructor(private readonly post: (message: WireMessage) => void) {}

  request<P, R>(descriptor: Request<P, R>, params: P): Promise<R> {
    const id = this.next++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: v => resolve(v as R), reject });
      this.post({ ...wire(descriptor, params), id });
    });
  }

  /** Settles the request a reply answers; false when `message` is not a reply of a pending one. */
  settle(message: unknown): boolean {
    if (typeof message !== 'object' || message === null) return false;
    const reply = message as Partial<ReplyMessage>;
    if (reply.type !== REPLY || typeof reply.inReplyTo !== 'number') return false;
    const waiting = this.pending.get(reply.inReplyTo);
    if (!waiting) return false;
    this.pending.delete(reply.inReplyTo);
    if (typeof reply.error === 'string') waiting.reject(new Error(reply.error));
    else waiting.resolve(reply.result);
    return true;
  }

  /** Requests still waiting for their replies. */
  get waiting(): number {
    return this.pending.size;
  }
}
