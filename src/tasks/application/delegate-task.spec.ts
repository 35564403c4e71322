import { educationAdvice } from '../../../libs/form-schema/test-fixtures/sample-forms';
import { AuditLog } from '../../audit';
import { FormCatalogue } from '../../forms/application/form-catalogue';
import { PublishedForm } from '../../forms/domain/published-form';
import { Notifier } from '../../notifications';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { DelegationRequest } from '../domain/delegation';
import { Task } from '../domain/task';
import { DelegateTask } from './delegate-task';
import { AccountDirectory, DelegationGroup, DirectoryAccount, TaskRepository, WorkGroupDirectory } from './task.ports';

class InMemoryTasks extends TaskRepository {
  readonly rows: Task[] = [];
  readonly locks: string[] = [];
  async load(key: { id: string } | { externalRef: string }) {
    return this.rows.find((t) => ('id' in key ? t.id === key.id : t.externalRef === key.externalRef)) ?? null;
  }
  async saveDraft() {
    return true;
  }
  async loadWaitingForEmail(email: string) {
    return this.rows.filter((t) => t.assigneeKind === 'email' && t.assigneeEmail === email);
  }
  async lockExternalRef(ref: string) {
    this.locks.push(`ref:${ref}`);
  }
  async lockAssigneeEmail(email: string) {
    this.locks.push(`email:${email}`);
  }
  add(task: Task) {
    this.rows.push(task);
  }
  async flush() {}
}

const accounts: Record<string, DirectoryAccount> = {
  'sam@school.example': { id: 'acc-sam', email: 'sam@school.example', name: 'Sam Taylor', disabled: false },
  'gone@school.example': { id: 'acc-gone', email: 'gone@school.example', name: 'Gone', disabled: true },
};
const group: DelegationGroup = {
  id: 'grp-1',
  key: 'north',
  name: 'North team',
  notificationEmail: null,
  activeMemberEmails: ['a@x.example', 'b@x.example'],
  activeMembers: [
    { accountId: 'acc-a', email: 'a@x.example' },
    { accountId: 'acc-b', email: 'b@x.example' },
  ],
};

function setup() {
  const tasks = new InMemoryTasks();
  const sent: { to: string; template: string; args: unknown[] }[] = [];
  const audit: unknown[] = [];
  const form = PublishedForm.publish(educationAdvice, new Date());
  const delegate = new DelegateTask(
    { run: (work) => work() } as UnitOfWork,
    tasks,
    {
      find: async (key: string, version: number) => (key === form.key && version === form.version ? form : null),
    } as unknown as FormCatalogue,
    { findByEmail: async (email: string) => accounts[email] ?? null } as AccountDirectory,
    { findByKey: async (key: string) => (key === 'north' ? group : null) } as unknown as WorkGroupDirectory,
    {
      send: async (to: string, template: string, ...args: unknown[]) => void sent.push({ to, template, args }),
      sendIn: async (_language: string, to: string, template: string, ...args: unknown[]) => void sent.push({ to, template, args }),
    } as unknown as Notifier,
    { record: async (entry: unknown) => void audit.push(entry) } satisfies AuditLog,
    { now: () => new Date('2026-11-28T10:00:00.000Z') } as Clock,
  );
  return { tasks, sent, audit, delegate };
}

const request = (overrides: Partial<DelegationRequest> = {}): DelegationRequest => ({
  externalRef: 'REF-1',
  form: { key: 'education-advice', version: 1 },
  subject: { reference: 'LCS-1', displayName: ' Alex Smith ' },
  prefill: { childName: 'Alex Smith' },
  assignee: { email: 'Sam@School.example' },
  dueDate: '2026-12-01',
  message: '  ',
  ...overrides,
});

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('DelegateTask', () => {
  it('delegates to a registered person: one task, one email, one audit entry; a repeat changes nothing', async () => {
    const { tasks, sent, audit, delegate } = setup();
    const first = await delegate.execute(request());
    expect(first.created).toBe(true);
    expect(tasks.rows[0]).toMatchObject({
      assigneeKind: 'account',
      assigneeAccountId: 'acc-sam',
      subjectDisplayName: 'Alex Smith',
      message: null,
    });
    expect(sent).toEqual([{ to: 'sam@school.example', template: 'taskDelegatedToPerson', args: ['2026-12-01'] }]);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'task.delegated', actor: { type: 'integration' }, accountId: 'acc-sam' }),
    ]);
    expect(tasks.locks).toEqual(['ref:REF-1', 'email:sam@school.example']);

    const again = await delegate.execute(request({ assignee: { email: 'sam@school.example' } }));
    expect(again).toEqual({ created: false, taskId: first.taskId });
    expect(sent).toHaveLength(1);
    expect(await codeOf(delegate.execute(request({ dueDate: '2026-12-02' })))).toBe('external_ref_conflict');
  });

  it('an unknown email waits as an email assignee and is still emailed', async () => {
    const { tasks, sent, delegate } = setup();
    await delegate.execute(request({ assignee: { email: 'new@clinic.example' } }));
    expect(tasks.rows[0]).toMatchObject({ assigneeKind: 'email', assigneeEmail: 'new@clinic.example', assigneeAccountId: null });
    expect(sent.map((m) => m.to)).toEqual(['new@clinic.example']);
  });

  it('a group: held by the group, which it came through; every active member is told', async () => {
    const { tasks, sent, delegate } = setup();
    await delegate.execute(request({ assignee: { workGroupKey: 'north' } }));
    expect(tasks.rows[0]).toMatchObject({ assigneeKind: 'work_group', holderWorkGroupId: 'grp-1', workGroupId: 'grp-1' });
    expect(sent).toEqual([
      { to: 'a@x.example', template: 'taskDelegatedToGroup', args: ['North team', '2026-12-01'] },
      { to: 'b@x.example', template: 'taskDelegatedToGroup', args: ['North team', '2026-12-01'] },
    ]);
  });

  it.each([
    [{ form: { key: 'education-advice', version: 2 } }, 'unknown_form'],
    [{ prefill: { setting: 'x' } }, 'invalid_prefill'],
    [{ assignee: { workGroupKey: 'south' } }, 'unknown_work_group'],
    [{ assignee: { email: 'gone@school.example' } }, 'assignee_disabled'],
    [{ dueDate: 'soon' }, 'invalid_delegation'],
  ] as [Partial<DelegationRequest>, string][])('refuses %j with %s and sends nothing', async (overrides, code) => {
    const { tasks, sent, delegate } = setup();
    expect(await codeOf(delegate.execute(request(overrides)))).toBe(code);
    expect(tasks.rows).toEqual([]);
    expect(sent).toEqual([]);
  });
});
