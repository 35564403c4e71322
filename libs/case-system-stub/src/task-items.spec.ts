import { randomUUID } from 'node:crypto';
import { startCaseSystemStub, type CaseSystemStub } from './index';

function post(stub: CaseSystemStub, path: string, key: string, body: unknown): Promise<Response> {
  return fetch(`${stub.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
}

const event = (id: string, extra: Record<string, unknown> = {}) => ({
  eventId: id,
  type: 'opened',
  taskExternalRef: 'LCS-1',
  sequence: 1,
  occurredAt: new Date().toISOString(),
  actor: { type: 'system' },
  details: {},
  ...extra,
});

describe('POST /task-events and /messages', () => {
  let stub: CaseSystemStub;

  beforeAll(async () => {
    stub = await startCaseSystemStub({ port: 0 });
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.clear());

  it('stores an event once per key: 201, then 200 with the same receipt', async () => {
    const id = randomUUID();
    const first = await post(stub, '/task-events', id, event(id));
    expect(first.status).toBe(201);
    const again = await post(stub, '/task-events', id, event(id));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    expect(stub.taskEvents()).toHaveLength(1);
    expect(stub.taskItemRequestCount()).toBe(2);
  });

  it('refuses a body whose id is not the key, an unknown type, or a message without text', async () => {
    const id = randomUUID();
    expect((await post(stub, '/task-events', id, event(randomUUID()))).status).toBe(400);
    expect((await post(stub, '/task-events', id, event(id, { type: 'exploded' }))).status).toBe(400);
    expect((await post(stub, '/task-events', id, event(id, { sequence: 0 }))).status).toBe(400);
    expect((await post(stub, '/messages', id, { messageId: id, taskExternalRef: 'LCS-1', sequence: 1, body: '' })).status).toBe(400);
    expect(stub.taskEvents()).toEqual([]);
    expect(stub.messages()).toEqual([]);
  });

  it('takes faults of its own, leaving contributions alone', async () => {
    stub.setTaskItemFault({ kind: 'status', status: 503, times: 1 });
    const id = randomUUID();
    expect((await post(stub, '/task-events', id, event(id))).status).toBe(503);
    expect((await post(stub, '/task-events', id, event(id))).status).toBe(201);
    expect(stub.requestCount()).toBe(0);
  });

  it('lists what it received for tests outside the process', async () => {
    const id = randomUUID();
    await post(stub, '/messages', id, { messageId: id, taskExternalRef: 'LCS-1', sequence: 2, body: 'A question' });
    const listed = (await (await fetch(`${stub.url}/__stub/messages`)).json()) as { idempotencyKey: string }[];
    expect(listed.map((m) => m.idempotencyKey)).toEqual([id]);
  });
});
