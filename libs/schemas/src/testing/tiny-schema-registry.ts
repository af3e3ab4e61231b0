import type { ExecutionContext } from 'ava';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny real HTTP server with the two endpoints of the Confluent schema registry API the codec
 * uses. Like the real registry, ids are global and the same schema text gets the same id.
 */
export interface TinyRegistry {
  url: string;
  requests: string[];
  subjects: Map<string, number[]>;
  register(schema: string): number;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export async function startTinyRegistry(t: ExecutionContext): Promise<TinyRegistry> {
  const schemas: string[] = [];
  const registry: TinyRegistry = {
    url: '',
    requests: [],
    subjects: new Map(),
    register(schema) {
      const known = schemas.indexOf(schema);
      if (known >= 0) return known + 1;
      schemas.push(schema);
      return schemas.length;
    },
  };

  const reply = (response: ServerResponse, status: number, body: object) => {
    response.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
    response.end(JSON.stringify(body));
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      registry.requests.push(`${request.method} ${request.url}`);
      const register = /^\/subjects\/([^/]+)\/versions$/.exec(request.url ?? '');
      const byId = /^\/schemas\/ids\/(\d+)$/.exec(request.url ?? '');
      if (request.method === 'POST' && register) {
        const { schema } = JSON.parse(Buffer.concat(chunks).toString()) as { schema: string };
        if (!isJson(schema)) {
          reply(response, 422, { error_code: 42201, message: 'Invalid schema' });
          return;
        }
        const id = registry.register(schema);
        const subject = decodeURIComponent(register[1]);
        registry.subjects.set(subject, [...(registry.subjects.get(subject) ?? []), id]);
        reply(response, 200, { id });
      } else if (request.method === 'GET' && byId && schemas[Number(byId[1]) - 1]) {
        reply(response, 200, { schema: schemas[Number(byId[1]) - 1] });
      } else if (byId) {
        reply(response, 404, { error_code: 40403, message: 'Schema not found' });
      } else {
        reply(response, 404, { error_code: 404, message: 'HTTP 404 Not Found' });
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  registry.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return registry;
}
