import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { columnsOf, fromRow } from '../../shared/database/row-mapper';
import { Sql } from '../../shared/database/sql';
import { FormDefinitionRepository } from '../application/form-definition.repository';
import { PublishedForm } from '../domain/published-form';

@Injectable()
export class MikroOrmFormDefinitionRepository extends FormDefinitionRepository {
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
    const rows = await this.em.execute<{ key: string }[]>(
      `INSERT INTO form_definitions (key, version, title, definition, content_hash, published_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key, version) DO NOTHING RETURNING key`,
      [form.key, form.version, form.title, JSON.stringify(form.definition), form.contentHash, form.publishedAt],
    );
    return rows.length === 1;
  }
}
