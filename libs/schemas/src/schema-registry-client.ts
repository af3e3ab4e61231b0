import { ConfigError } from '@tmrm/common';
import { SchemaRegistryError } from './schema-registry-error';

/** Options of {@link SchemaRegistryClient}. */
export interface SchemaRegistryClientOptions {
  /** Base URL of a Confluent-compatible schema registry, e.g. `http://localhost:8081`. */
  url: string;
  /** Per request; a slower answer fails with a retriable SchemaRegistryError. Default 10,000. */
  requestTimeoutMs?: number;
  /** Extra HTTP headers for every request, e.g. `{ authorization: 'Basic ...' }`. */
  headers?: Record<string, string>;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/**
 * The two schema registry calls the Confluent wire format needs, over `fetch`, with caches:
 * registering a schema under a subject (its id never changes, so it is asked once per schema)
 * and fetching a schema by id (ids are immutable, so each is fetched once).
 */
export class SchemaRegistryClient {
  readonly url: string;
  private readonly requestTimeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly ids = new Map<string, Promise<number>>();
  private readonly schemas = new Map<number, Promise<string>>();

  constructor(options: SchemaRegistryClientOptions) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(options.url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      throw new ConfigError(
        'schemaRegistry.url',
        options.url,
        'must be an http(s) URL',
        'e.g. http://localhost:8081',
      );
    }
    const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 1) {
      throw new ConfigError(
        'schemaRegistry.requestTimeoutMs',
        requestTimeoutMs,
        'must be an integer >= 1',
      );
    }
    this.url = options.url.replace(/\/+$/, '');
    this.requestTimeoutMs = requestTimeoutMs;
    this.headers = options.headers ?? {};
  }

  /** Registers `schema` (Avro JSON text) under `subject`, or finds it there; its global id. */
  register(subject: string, schema: string): Promise<number> {
    const key = `${subject}\u0000${schema}`;
    let id = this.ids.get(key);
    if (!id) {
      const path = `/subjects/${encodeURIComponent(subject)}/versions`;
      id = this.request(path, { method: 'POST', body: JSON.stringify({ schema }) }).then((answer) =>
        readNumber(answer, 'id', `${this.url}${path}`),
      );
      this.cacheUnlessFailed(this.ids, key, id);
    }
    return id;
  }

  /** The Avro JSON text of the schema with this id. */
  schemaById(id: number): Promise<string> {
    let schema = this.schemas.get(id);
    if (!schema) {
      const path = `/schemas/ids/${id}`;
      schema = this.request(path, { method: 'GET' }).then((answer) => {
        const text = (answer as { schema?: unknown }).schema;
        if (typeof text !== 'string') {
          throw new SchemaRegistryError(
            `schema registry ${this.url}${path}: no schema in the answer`,
            {
              retriable: false,
            },
          );
        }
        return text;
      });
      this.cacheUnlessFailed(this.schemas, id, schema);
    }
    return schema;
  }

  private cacheUnlessFailed<K, V>(cache: Map<K, Promise<V>>, key: K, value: Promise<V>): void {
    cache.set(key, value);
    value.catch(() => cache.delete(key));
  }

  private async request(path: string, init: { method: string; body?: string }): Promise<unknown> {
    const where = `${init.method} ${this.url}${path}`;
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        ...init,
        headers: { accept: CONTENT_TYPE, 'content-type': CONTENT_TYPE, ...this.headers },
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
    } catch (cause) {
      const reason = describeFetchFailure(cause, this.requestTimeoutMs);
      throw new SchemaRegistryError(`schema registry unreachable: ${where}: ${reason}`, {
        retriable: true,
        cause,
      });
    }

    const text = await response.text();
    let answer: unknown;
    try {
      answer = text === '' ? {} : JSON.parse(text);
    } catch (cause) {
      answer = { message: text.slice(0, 200) };
      if (response.ok) {
        throw new SchemaRegistryError(`schema registry ${where}: the answer is not JSON`, {
          retriable: false,
          cause,
        });
      }
    }
    if (!response.ok) {
      const { error_code: errorCode, message } = answer as {
        error_code?: number;
        message?: string;
      };
      throw new SchemaRegistryError(
        `schema registry ${where}: HTTP ${response.status}` +
          `${errorCode ? ` (error ${errorCode})` : ''}${message ? `: ${message}` : ''}`,
        { retriable: response.status >= 500, status: response.status, errorCode },
      );
    }
    return answer;
  }
}

function readNumber(answer: unknown, key: string, where: string): number {
  const value = (answer as Record<string, unknown>)[key];
  if (!Number.isInteger(value)) {
    throw new SchemaRegistryError(`schema registry ${where}: no integer "${key}" in the answer`, {
      retriable: false,
    });
  }
  return value as number;
}

function describeFetchFailure(cause: unknown, requestTimeoutMs: number): string {
  if (cause instanceof Error && cause.name === 'TimeoutError') {
    return `no answer within ${requestTimeoutMs} ms (schemaRegistry.requestTimeoutMs)`;
  }
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
  return inner instanceof Error ? inner.message : String(inner);
}
