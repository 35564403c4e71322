import { EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import { columnsOf, fromRow } from './row-mapper';

class Person {
  id!: string;
  displayName!: string;
  secretHash!: string;
  bornAt: Date | null = null;
  visits = 0;

  greeting(): string {
    return `Hello ${this.displayName}`;
  }
}

const PersonSchema = new EntitySchema<Person>({
  class: Person,
  tableName: 'people',
  properties: {
    id: { type: 'uuid', primary: true },
    displayName: { type: 'string', columnType: 'text' },
    secretHash: { type: 'string', columnType: 'text' },
    bornAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    visits: { type: 'integer' },
  },
});

describe('row mapper', () => {
  // Metadata only: nothing connects.
  const orm = MikroORM.initSync({
    entities: [PersonSchema],
    dbName: 'unused',
    connect: false,
    discovery: { warnWhenNoEntities: false },
  });
  const em = orm.em.fork();

  it('lists every column, all but some, or only some, in the metadata order', () => {
    expect(columnsOf(em, Person, 'p')).toBe('p.id, p.display_name, p.secret_hash, p.born_at, p.visits');
    expect(columnsOf(em, Person, undefined, { except: ['secretHash'] })).toBe('id, display_name, born_at, visits');
    expect(columnsOf(em, Person, 'p', { only: ['id', 'displayName'] })).toBe('p.id, p.display_name');
  });

  it('builds the domain object from a row, dates as Date, prefixed columns when asked', () => {
    const person = fromRow(
      em,
      Person,
      { x_id: 'a', x_display_name: 'Ann', x_secret_hash: 'h', x_born_at: '2020-01-02T03:04:05Z', x_visits: 3 },
      'x_',
    );
    expect(person).toBeInstanceOf(Person);
    expect(person).toEqual(
      Object.assign(new Person(), {
        id: 'a',
        displayName: 'Ann',
        secretHash: 'h',
        bornAt: new Date('2020-01-02T03:04:05Z'),
        visits: 3,
      }),
    );
    expect(person.greeting()).toBe('Hello Ann');
  });

  it('with `only`, sets just those properties: the rest keep the class defaults, whatever the row holds', () => {
    const row = { id: 'b', display_name: 'Bo', secret_hash: 'must not be read', visits: 9 };
    const person = fromRow(em, Person, row, '', ['id', 'displayName']);
    expect(person.id).toBe('b');
    expect(person.greeting()).toBe('Hello Bo');
    expect(person.secretHash).toBeUndefined();
    expect(person.visits).toBe(0);
    // The full mapping of the same class is cached apart from the projection.
    expect(fromRow(em, Person, row).secretHash).toBe('must not be read');
  });
});
