import { TaskRepository } from '../../src/tasks/application/task.ports';
import { markSubmitted, sql } from '../support/sql';
import { integration, registerAndLogin, PortalClient } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import {
  delegate,
  delegationBody,
  educationAdviceForm,
  healthDelegationBody,
  publishSampleForms,
} from '../support/task-fixtures';

type Answers = Record<string, unknown>;

function educationAnswers(): Answers {
  return {
    setting: 'Oakfield Primary School',
    startedAtSetting: '2021-09-01',
    keyStage: 'ks2',
    attendanceLevel: 'concern',
    exclusions: [{ date: '2026-03-04', days: '2', kind: 'suspension' }],
    areasOfNeed: ['cognition', 'semh'],
    strengths: 'Loves reading and drawing. 🎨',
    support: [{ provision: 'Small group literacy', hoursPerWeek: '3', startDate: '2025-09-08', impact: 'some' }],
    outcomes: 'Reads independently at age-related expectations.',
  };
}

function healthAnswers(): Answers {
  return {
    role: 'school-nurse',
    lastSeen: '2026-11-02',
    concerns: 'no',
    appointments: [{ date: '2026-05-01', service: 'Audiology' }],
  };
}

describe('Completing a form: draft answers, validation, versions', () => {
  let t: TestApp;
  let pro: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    await publishSampleForms(t);
    pro = await registerAndLogin(t, 'answers@school.example');
  });
  afterAll(() => t.close());

  const newEducationTask = () => delegate(t, delegationBody('answers@school.example'));
  const newHealthTask = () => delegate(t, healthDelegationBody('answers@school.example'));

  it('shows the task with its definition, prefill, empty draft, no attachments and its history', async () => {
    const task = await newEducationTask();
    const r = await pro.get(`/tasks/${task.id}`).expect(200);
    const { externalRef: _ref, ...summary } = task;
    expect(r.body).toMatchObject({
      ...summary,
      answers: {},
      prefill: { childName: 'Alex Smith', dateOfBirth: '2015-03-02', caseWorker: 'Jo Bloggs' },
      attachments: [],
    });
    expect(r.body.externalRef).toBeUndefined();
    expect(r.body.definition).toEqual(educationAdviceForm());
    expect(r.body.history).toEqual([
      expect.objectContaining({
        action: 'task.delegated',
        actor: { type: 'integration' },
        taskId: task.id,
        at: expect.any(String),
      }),
    ]);
  });

  it('saves a complete set of answers to every question type; the first save moves open → in_progress', async () => {
    for (const [task, answers] of [
      [await newEducationTask(), educationAnswers()],
      [await newHealthTask(), healthAnswers()],
    ] as const) {
      expect(task.status).toBe('open');
      const saved = await pro.put(`/tasks/${task.id}/answers`, { version: 1, answers }).expect(200);
      expect(saved.body).toEqual({ version: 2, savedAt: expect.any(String), status: 'in_progress' });
      const detail = await pro.get(`/tasks/${task.id}`).expect(200);
      expect(detail.body).toMatchObject({ answers, status: 'in_progress', version: 2 });
      expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['task.saved', 'task.delegated']);
      const valid = await pro.post(`/tasks/${task.id}/validate`, {}).expect(200);
      expect(valid.body).toEqual({ valid: true, errors: [] });
    }
  });

  it('an incomplete draft is fine to save (drafts only check types)', async () => {
    const task = await newEducationTask();
    await pro.put(`/tasks/${task.id}/answers`, { version: 1, answers: {} }).expect(200);
    await pro
      .put(`/tasks/${task.id}/answers`, { version: 2, answers: { setting: 'Oakfield', keyStage: null, support: [] } })
      .expect(200);
  });

  describe('refuses bad answers of every type with 422 and the errors; nothing is saved', () => {
    const education: [
      string,
      Answers,
      string,
      { pageId: string; questionId: string; code: string; row?: number; columnId?: string },
    ][] = [
      [
        'text: not a string',
        { setting: 42 },
        'invalid_answers',
        { pageId: 'about', questionId: 'setting', code: 'invalid_type' },
      ],
      [
        'text: too long',
        { setting: 'x'.repeat(201) },
        'invalid_answers',
        { pageId: 'about', questionId: 'setting', code: 'too_long' },
      ],
      [
        'date: not a calendar date',
        { startedAtSetting: '2021-02-30' },
        'invalid_answers',
        { pageId: 'about', questionId: 'startedAtSetting', code: 'invalid_date' },
      ],
      [
        'date: another format',
        { startedAtSetting: '01/09/2021' },
        'invalid_answers',
        { pageId: 'about', questionId: 'startedAtSetting', code: 'invalid_date' },
      ],
      [
        'date: before min',
        { startedAtSetting: '1999-12-31' },
        'invalid_answers',
        { pageId: 'about', questionId: 'startedAtSetting', code: 'date_too_early' },
      ],
      [
        'date: a number',
        { startedAtSetting: 20210901 },
        'invalid_answers',
        { pageId: 'about', questionId: 'startedAtSetting', code: 'invalid_type' },
      ],
      [
        'select: not an option',
        { keyStage: 'ks9' },
        'invalid_answers',
        { pageId: 'about', questionId: 'keyStage', code: 'invalid_option' },
      ],
      [
        'select: a list',
        { keyStage: ['ks1'] },
        'invalid_answers',
        { pageId: 'about', questionId: 'keyStage', code: 'invalid_type' },
      ],
      [
        'radio: not an option',
        { attendanceLevel: 'excellent' },
        'invalid_answers',
        { pageId: 'attendance', questionId: 'attendanceLevel', code: 'invalid_option' },
      ],
      [
        'radio: a boolean',
        { attendanceLevel: true },
        'invalid_answers',
        { pageId: 'attendance', questionId: 'attendanceLevel', code: 'invalid_type' },
      ],
      [
        'checkboxes: a string',
        { areasOfNeed: 'cognition' },
        'invalid_answers',
        { pageId: 'needs', questionId: 'areasOfNeed', code: 'invalid_type' },
      ],
      [
        'checkboxes: an unknown option',
        { areasOfNeed: ['cognition', 'nope'] },
        'invalid_answers',
        { pageId: 'needs', questionId: 'areasOfNeed', code: 'invalid_option' },
      ],
      [
        'checkboxes: ticked twice',
        { areasOfNeed: ['semh', 'semh'] },
        'invalid_answers',
        { pageId: 'needs', questionId: 'areasOfNeed', code: 'invalid_option' },
      ],
      [
        'table: not a list',
        { support: { provision: 'x' } },
        'invalid_answers',
        { pageId: 'needs', questionId: 'support', code: 'invalid_type' },
      ],
      [
        'table: too many rows',
        { exclusions: Array.from({ length: 11 }, () => ({ date: '2026-01-05', days: '1' })) },
        'invalid_answers',
        { pageId: 'attendance', questionId: 'exclusions', code: 'too_many_rows' },
      ],
      [
        'table: a bad cell',
        { support: [{ provision: 'ok' }, { provision: 'x', startDate: '2025-13-01' }] },
        'invalid_answers',
        { pageId: 'needs', questionId: 'support', row: 1, columnId: 'startDate', code: 'invalid_date' },
      ],
      [
        'table: an option not offered',
        { support: [{ provision: 'ok', impact: 'huge' }] },
        'invalid_answers',
        { pageId: 'needs', questionId: 'support', row: 0, columnId: 'impact', code: 'invalid_option' },
      ],
      [
        'table: a cell too long',
        { exclusions: [{ date: '2026-01-05', days: '12345678901' }] },
        'invalid_answers',
        { pageId: 'attendance', questionId: 'exclusions', row: 0, columnId: 'days', code: 'too_long' },
      ],
      [
        'table: an unknown column',
        { exclusions: [{ date: '2026-01-05', days: '1', reason: 'x' }] },
        'invalid_answers',
        { pageId: 'attendance', questionId: 'exclusions', row: 0, columnId: 'reason', code: 'unknown_column' },
      ],
      [
        'table: a row that is not an object',
        { exclusions: ['2026-01-05'] },
        'invalid_answers',
        { pageId: 'attendance', questionId: 'exclusions', row: 0, code: 'invalid_type' },
      ],
      [
        'hidden questions still get type checks',
        { attendanceLevel: 'good', absenceReasons: 7 },
        'invalid_answers',
        { pageId: 'attendance', questionId: 'absenceReasons', code: 'invalid_type' },
      ],
      [
        'read-only: a write to prefill',
        { childName: 'Someone else' },
        'read_only',
        { pageId: 'about', questionId: 'childName', code: 'read_only' },
      ],
      [
        'an unknown question',
        { favouriteColour: 'blue' },
        'unknown_question',
        { pageId: '', questionId: 'favouriteColour', code: 'unknown_question' },
      ],
    ];
    it.each(education)('education advice — %s', async (_label, bad, code, error) => {
      const task = await newEducationTask();
      await pro.put(`/tasks/${task.id}/answers`, { version: 1, answers: { setting: 'Kept' } }).expect(200);
      const r = await pro
        .put(`/tasks/${task.id}/answers`, { version: 2, answers: { ...educationAnswers(), ...bad } })
        .expect(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body.code).toBe(code);
      expect(r.body.errors).toEqual([{ ...error, message: expect.any(String) }]);
      const after = await pro.get(`/tasks/${task.id}`).expect(200);
      expect(after.body).toMatchObject({ answers: { setting: 'Kept' }, version: 2, prefill: { childName: 'Alex Smith' } });
    });

    const health: [string, Answers, { questionId: string; code: string; row?: number; columnId?: string }][] = [
      ['select: not an option', { role: 'surgeon' }, { questionId: 'role', code: 'invalid_option' }],
      ['date: not a date', { lastSeen: 'yesterday' }, { questionId: 'lastSeen', code: 'invalid_date' }],
      ['radio: not an option', { concerns: 'maybe' }, { questionId: 'concerns', code: 'invalid_option' }],
      [
        'text: too long',
        { concerns: 'yes', concernDetails: 'x'.repeat(8001) },
        { questionId: 'concernDetails', code: 'too_long' },
      ],
      [
        'table: too many rows',
        { appointments: Array.from({ length: 31 }, () => ({ date: '2026-01-01', service: 'GP' })) },
        { questionId: 'appointments', code: 'too_many_rows' },
      ],
      [
        'table: a bad date cell',
        { appointments: [{ date: '2026-02-29', service: 'GP' }] },
        { questionId: 'appointments', row: 0, columnId: 'date', code: 'invalid_date' },
      ],
    ];
    it.each(health)('health contribution — %s', async (_label, bad, error) => {
      const task = await newHealthTask();
      const r = await pro.put(`/tasks/${task.id}/answers`, { version: 1, answers: { ...healthAnswers(), ...bad } }).expect(422);
      expect(r.body.code).toBe('invalid_answers');
      expect(r.body.errors).toEqual([{ pageId: 'contribution', ...error, message: expect.any(String) }]);
      const after = await pro.get(`/tasks/${task.id}`).expect(200);
      expect(after.body).toMatchObject({ answers: {}, version: 1, status: 'open' });
    });

    it('a read-only question echoed back as null is no answer, not a write', async () => {
      const task = await newHealthTask();
      await pro
        .put(`/tasks/${task.id}/answers`, { version: 1, answers: { ...healthAnswers(), childName: null, conferenceDate: null } })
        .expect(200);
      const after = await pro.get(`/tasks/${task.id}`).expect(200);
      expect(after.body.answers).toEqual(healthAnswers());
      expect(after.body.prefill).toEqual({ childName: 'Alex Smith', conferenceDate: '2026-12-20' });
    });

    it('lists every error in form order', async () => {
      const task = await newEducationTask();
      const r = await pro
        .put(`/tasks/${task.id}/answers`, { version: 1, answers: { outcomes: 5, keyStage: 'x', setting: 1, nope: 'x' } })
        .expect(422);
      expect(r.body.code).toBe('unknown_question');
      expect(r.body.errors.map((e: { questionId: string }) => e.questionId)).toEqual(['setting', 'keyStage', 'outcomes', 'nope']);
    });

    it('a body of the wrong shape is 400 invalid_request', async () => {
      const task = await newEducationTask();
      for (const body of [
        { version: 1 },
        { answers: {} },
        { version: '1', answers: {} },
        { version: 1, answers: [] },
        { version: 1, answers: {}, extra: 1 },
      ]) {
        const r = await pro.put(`/tasks/${task.id}/answers`, body).expect(400);
        expect(r.body.code).toBe('invalid_request');
      }
    });
  });

  describe('validation for Next, Previous and Submit', () => {
    it('checks one page or the whole form, in form order; an unknown page is 422 unknown_page', async () => {
      const task = await newEducationTask();
      await pro
        .put(`/tasks/${task.id}/answers`, { version: 1, answers: { setting: 'Oakfield', support: [{ hoursPerWeek: '2' }] } })
        .expect(200);
      const about = await pro.post(`/tasks/${task.id}/validate`, { pageId: 'about' }).expect(200);
      expect(about.body.valid).toBe(false);
      expect(about.body.errors.map((e: { questionId: string; code: string }) => [e.questionId, e.code])).toEqual([
        ['startedAtSetting', 'required'],
        ['keyStage', 'required'],
      ]);
      const whole = await pro.post(`/tasks/${task.id}/validate`).expect(200);
      expect(
        whole.body.errors.map((e: { pageId: string; questionId: string; row?: number; columnId?: string; code: string }) => [
          e.pageId,
          e.questionId,
          e.row,
          e.columnId,
          e.code,
        ]),
      ).toEqual([
        ['about', 'startedAtSetting', undefined, undefined, 'required'],
        ['about', 'keyStage', undefined, undefined, 'required'],
        ['attendance', 'attendanceLevel', undefined, undefined, 'required'],
        ['needs', 'areasOfNeed', undefined, undefined, 'required'],
        ['needs', 'strengths', undefined, undefined, 'required'],
        ['needs', 'support', 0, 'provision', 'required'],
      ]);
      expect(whole.body.errors[0].message).toEqual(expect.any(String));
      const unknown = await pro.post(`/tasks/${task.id}/validate`, { pageId: 'nope' }).expect(422);
      expect(unknown.body.code).toBe('unknown_page');
      await pro.post(`/tasks/${task.id}/validate`, { pageId: 3 }).expect(400);
      await pro.post(`/tasks/${task.id}/validate`, { page: 'about' }).expect(400);
    });

    it('showIf both ways: a hidden question is not required, its answer stays in the draft and returns', async () => {
      const task = await newEducationTask();
      const poorWithout = { ...educationAnswers(), attendanceLevel: 'poor' };
      await pro.put(`/tasks/${task.id}/answers`, { version: 1, answers: poorWithout }).expect(200);
      let r = await pro.post(`/tasks/${task.id}/validate`, { pageId: 'attendance' }).expect(200);
      expect(r.body.errors).toEqual([expect.objectContaining({ questionId: 'absenceReasons', code: 'required' })]);

      const poorWith = { ...poorWithout, absenceReasons: 'Anxiety about school' };
      await pro.put(`/tasks/${task.id}/answers`, { version: 2, answers: poorWith }).expect(200);
      r = await pro.post(`/tasks/${task.id}/validate`).expect(200);
      expect(r.body).toEqual({ valid: true, errors: [] });

      // Flip the radio: the reasons are hidden, not required, but kept in the draft…
      await pro.put(`/tasks/${task.id}/answers`, { version: 3, answers: { ...poorWith, attendanceLevel: 'good' } }).expect(200);
      r = await pro.post(`/tasks/${task.id}/validate`).expect(200);
      expect(r.body).toEqual({ valid: true, errors: [] });
      expect((await pro.get(`/tasks/${task.id}`).expect(200)).body.answers.absenceReasons).toBe('Anxiety about school');
      // …so flipping back brings them back.
      await pro.put(`/tasks/${task.id}/answers`, { version: 4, answers: { ...poorWith, attendanceLevel: 'poor' } }).expect(200);
      r = await pro.post(`/tasks/${task.id}/validate`).expect(200);
      expect(r.body.valid).toBe(true);

      const health = await newHealthTask();
      await pro.put(`/tasks/${health.id}/answers`, { version: 1, answers: { ...healthAnswers(), concerns: 'yes' } }).expect(200);
      r = await pro.post(`/tasks/${health.id}/validate`).expect(200);
      expect(r.body.errors).toEqual([
        expect.objectContaining({ pageId: 'contribution', questionId: 'concernDetails', code: 'required' }),
      ]);
      await pro
        .put(`/tasks/${health.id}/answers`, {
          version: 2,
          answers: { ...healthAnswers(), concerns: 'no', concernDetails: 'Old note' },
        })
        .expect(200);
      r = await pro.post(`/tasks/${health.id}/validate`).expect(200);
      expect(r.body.valid).toBe(true);
    });
  });

  describe('optimistic concurrency', () => {
    it('a stale version is 409 version_conflict and changes nothing', async () => {
      const task = await newEducationTask();
      await pro.put(`/tasks/${task.id}/answers`, { version: 1, answers: { setting: 'First' } }).expect(200);
      const stale = await pro.put(`/tasks/${task.id}/answers`, { version: 1, answers: { setting: 'Second' } }).expect(409);
      expect(stale.body.code).toBe('version_conflict');
      const ahead = await pro.put(`/tasks/${task.id}/answers`, { version: 5, answers: { setting: 'Third' } }).expect(409);
      expect(ahead.body.code).toBe('version_conflict');
      const after = await pro.get(`/tasks/${task.id}`).expect(200);
      expect(after.body).toMatchObject({ answers: { setting: 'First' }, version: 2 });
    });

    it('of simultaneous saves with the same version exactly one wins', async () => {
      const task = await newEducationTask();
      const results = await Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map((s) => pro.put(`/tasks/${task.id}/answers`, { version: 1, answers: { setting: s } })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
      const winner = results.find((r) => r.status === 200)!;
      expect(winner.body.version).toBe(2);
      // What was stored is the winner's, recorded once.
      const winnerSetting = ['a', 'b', 'c', 'd', 'e'][results.indexOf(winner)];
      expect((await pro.get(`/tasks/${task.id}`).expect(200)).body).toMatchObject({
        answers: { setting: winnerSetting },
        version: 2,
      });
      const saved = await sql(t, "SELECT from_value, to_value FROM audit_log WHERE task_id = ? AND action = 'task.saved'", [
        task.id,
      ]);
      expect(saved).toEqual([{ from_value: { status: 'open', version: 1 }, to_value: { status: 'in_progress', version: 2 } }]);
    });

    describe('when the task changes between the read a save decides on and its write', () => {
      // The seam: the save's own read, then someone else's change before its write.
      const interleave = (change: (taskId: string) => Promise<unknown>) => {
        const tasks = t.app.get(TaskRepository);
        const read = tasks.load.bind(tasks);
        return jest.spyOn(tasks, 'load').mockImplementationOnce(async (key, intent) => {
          const found = await read(key, intent);
          await change('id' in key ? key.id : key.externalRef);
          return found;
        });
      };
      afterEach(() => jest.restoreAllMocks());

      it('another save of the same version wins: this one is 409 version_conflict and writes nothing', async () => {
        const task = await newEducationTask();
        const spy = interleave(() =>
          pro.put(`/tasks/${task.id}/answers`, { version: 1, answers: { setting: 'Other' } }).expect(200),
        );
        const late = await pro.put(`/tasks/${task.id}/answers`, { version: 1, answers: { setting: 'Late' } }).expect(409);
        expect(late.body.code).toBe('version_conflict');
        expect(spy).toHaveBeenCalled();
        expect((await pro.get(`/tasks/${task.id}`).expect(200)).body).toMatchObject({
          answers: { setting: 'Other' },
          version: 2,
        });
        const saved = await sql(t, "SELECT count(*)::int AS n FROM audit_log WHERE task_id = ? AND action = 'task.saved'", [
          task.id,
        ]);
        expect(saved).toEqual([{ n: 1 }]);
      });

      it('a withdrawal wins: the save is 404 and the withdrawn task keeps nothing', async () => {
        const task = await newEducationTask();
        interleave(() => integration(t).post(`/integration/tasks/${task.externalRef}/withdraw`).expect(204));
        const late = await pro.put(`/tasks/${task.id}/answers`, { version: 1, answers: { setting: 'Late' } }).expect(404);
        expect(late.body.code).toBe('not_found');
        const [row] = await sql(t, 'SELECT status, answers FROM tasks WHERE id = ?', [task.id]);
        expect(row).toEqual({ status: 'withdrawn', answers: {} });
        const saved = await sql(t, "SELECT count(*)::int AS n FROM audit_log WHERE task_id = ? AND action = 'task.saved'", [
          task.id,
        ]);
        expect(saved).toEqual([{ n: 0 }]);
      });

      it('an attachment upload does not move the version: the save goes through', async () => {
        const task = await newEducationTask();
        interleave((id) => sql(t, 'UPDATE tasks SET updated_at = now() WHERE id = ?', [id]));
        const ok = await pro.put(`/tasks/${task.id}/answers`, { version: 1, answers: { setting: 'Kept' } }).expect(200);
        expect(ok.body).toMatchObject({ version: 2, status: 'in_progress' });
      });
    });

    it('after submission a save is 409 task_submitted, even with a stale version', async () => {
      const task = await newEducationTask();
      await pro.put(`/tasks/${task.id}/answers`, { version: 1, answers: educationAnswers() }).expect(200);
      await markSubmitted(t, task.id);
      for (const version of [2, 1]) {
        const r = await pro.put(`/tasks/${task.id}/answers`, { version, answers: {} }).expect(409);
        expect(r.body.code).toBe('task_submitted');
      }
      const detail = await pro.get(`/tasks/${task.id}`).expect(200);
      expect(detail.body).toMatchObject({ status: 'submitted', answers: educationAnswers(), availableUntil: expect.any(String) });
      expect(Date.parse(detail.body.availableUntil) - Date.parse(detail.body.submittedAt)).toBe(30 * 86_400_000);
    });
  });

  it('the integration view of a saved task shows status and version, never answers', async () => {
    const body = delegationBody('answers@school.example');
    const task = await delegate(t, body);
    await pro.put(`/tasks/${task.id}/answers`, { version: 1, answers: { setting: 'Oakfield' } }).expect(200);
    const r = await integration(t).get(`/integration/tasks/${body.externalRef}`).expect(200);
    expect(r.body).toMatchObject({ status: 'in_progress', version: 2 });
    expect(r.body.answers).toBeUndefined();
  });
});
