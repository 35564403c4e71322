import { Injectable } from '@nestjs/common';
import { Sql } from '../../shared/database/sql';
import { PublishedFormList, PublishedFormSummary } from '../application/published-form-list';

@Injectable()
export class SqlPublishedFormList extends PublishedFormList {
  constructor(private readonly sql: Sql) {
    super();
  }

  async latestVersions(): Promise<PublishedFormSummary[]> {
    // A council publishes tens of forms, each a few versions: the primary key (key, version) serves this.
    return this.sql.query<PublishedFormSummary>(
      `SELECT f.key, f.version, f.title
         FROM (SELECT DISTINCT ON (key) key, version, title FROM form_definitions ORDER BY key, version DESC) f
        ORDER BY f.title, f.key`,
    );
  }
}
