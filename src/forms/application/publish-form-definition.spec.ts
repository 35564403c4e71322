import { copyJson, educationAdviceJson } from '../../../libs/form-schema/test-fixtures/sample-forms';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { PublishedForm } from '../domain/published-form';
import { FormDefinitionRepository } from './form-definition.repository';
import { PublishFormDefinition } from './publish-form-definition';

class InMemoryForms extends FormDefinitionRepository {
  readonly rows = new Map<string, PublishedForm>();
  async find(key: string, version: number) {
    return this.rows.get(`${key}@${version}`) ?? null;
  }
  async insertIfAbsent(form: PublishedForm) {
    const id = `${form.key}@${form.version}`;
    if (this.rows.has(id)) return false;
    this.rows.set(id, form);
    return true;
  }
}

const uow: UnitOfWork = { run: (work) => work(), runStatements: (work) => work() };
const clock: Clock = { now: () => new Date('2026-11-28T10:00:00.000Z') };

async function problem(promise: Promise<unknown>) {
  try {
    await promise;
    return undefined;
  } catch (error) {
    const e = error as { code: string; options: { errors?: { path: string }[] } };
    return { code: e.code, paths: e.options.errors?.map((x) => x.path) };
  }
}

describe('PublishFormDefinition', () => {
  it('creates, then repeats harmlessly, then refuses different content', async () => {
    const forms = new InMemoryForms();
    const publish = new PublishFormDefinition(uow, forms, clock);
    expect((await publish.execute('education-advice', '1', copyJson(educationAdviceJson))).created).toBe(true);
    expect((await publish.execute('education-advice', '1', copyJson(educationAdviceJson))).created).toBe(false);
    const changed = { ...(copyJson(educationAdviceJson) as object), title: 'Changed' };
    expect(await problem(publish.execute('education-advice', '1', changed))).toEqual({
      code: 'definition_conflict',
      paths: undefined,
    });
    expect(forms.rows.size).toBe(1);
  });

  it('refuses invalid definitions and mismatched addresses with every path', async () => {
    const publish = new PublishFormDefinition(uow, new InMemoryForms(), clock);
    expect(await problem(publish.execute('other', '2', copyJson(educationAdviceJson)))).toEqual({
      code: 'invalid_definition',
      paths: ['key', 'version'],
    });
    expect(await problem(publish.execute('education-advice', '0', copyJson(educationAdviceJson)))).toMatchObject({
      code: 'invalid_definition',
      paths: ['version'],
    });
    expect(await problem(publish.execute('x', '1', { key: 'x', version: 1, title: 'X', pages: [] }))).toMatchObject({
      code: 'invalid_definition',
    });
  });
});
