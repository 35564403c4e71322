import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { columnsOf, fromRow } from '../../shared/database/row-mapper';
import { Sql } from '../../shared/database/sql';
import { FormDefinitionRepository } from '../application/form-definition.repository';
import { PublishedForm } from '../domain/published-form';

/**
 * Published form definitions in PostgreSQL, read through `Sql` so a cache miss inside a draft save
 * stays in that save's plain transaction (BENCHMARKS.md); published through the query builder (one
 * INSERT … ON CONFLICT DO NOTHING: a version published twice at once is published once).
 */
@Injectable()
export class PostgresFormDefinitionRepository extends FormDefinitionRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly sql: Sql,
  ) {
    super();
  }

  /** A plain read (the catalogue caches it), so it may run inside any transaction, the ORM's or not. */
  async find(key: string, version: number): Promise<PublishedForm | null> {
    if (!Number.isSafeInteger(version) || version < 1 || version > 2_147_483_647) return null;
    const [row] = await this.sql.query<Record<string, unknown>>(
      `SELECT ${columnsOf(this.em, PublishedForm)} FROM form_definitions WHERE key = ? AND version = ?`,
      [key, version],
    );
    return row ? fromRow(this.em, PublishedForm, row) : null;
  }

  async insertIfAbsent(form: PublishedForm): Promise<boolean> {
    const { key, version, title, definition, contentHash, publishedAt } = form;
    const result = await this.em
      .createQueryBuilder(PublishedForm)
      .insert({ key, version, title, definition, contentHash, publishedAt })
      .onConflict(['key', 'version'])
      .ignore()
      .execute('run');
    return result.affectedRows === 1;
  }
}
