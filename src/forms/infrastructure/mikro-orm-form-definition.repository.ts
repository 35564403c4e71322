import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { FormDefinitionRepository } from '../application/form-definition.repository';
import { PublishedForm } from '../domain/published-form';

@Injectable()
export class MikroOrmFormDefinitionRepository extends FormDefinitionRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }

  find(key: string, version: number): Promise<PublishedForm | null> {
    if (!Number.isSafeInteger(version) || version < 1 || version > 2_147_483_647) return Promise.resolve(null);
    return this.em.findOne(PublishedForm, { key, version });
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
