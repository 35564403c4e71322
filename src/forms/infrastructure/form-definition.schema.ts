import { EntitySchema } from '@mikro-orm/core';
import { PublishedForm } from '../domain/published-form';

export const PublishedFormSchema = new EntitySchema<PublishedForm>({
  class: PublishedForm,
  tableName: 'form_definitions',
  properties: {
    key: { type: 'string', columnType: 'text', primary: true },
    version: { type: 'integer', primary: true },
    title: { type: 'string', columnType: 'text' },
    definition: { type: 'json' },
    contentHash: { type: 'string', columnType: 'text' },
    publishedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
