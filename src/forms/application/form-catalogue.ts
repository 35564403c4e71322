import { Injectable } from '@nestjs/common';
import { PublishedForm } from '../domain/published-form';
import { FormDefinitionRepository } from './form-definition.repository';

const CACHE_LIMIT = 500;

/**
 * Read access to published definitions for other contexts (tasks, submissions, PDF). Published
 * versions never change, so a found definition can be cached for the life of the process.
 */
@Injectable()
export class FormCatalogue {
  private readonly cache = new Map<string, PublishedForm>();

  constructor(private readonly repository: FormDefinitionRepository) {}

  async find(key: string, version: number): Promise<PublishedForm | null> {
    const cacheKey = `${key}\u0000${version}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const form = await this.repository.find(key, version);
    if (form) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(cacheKey, form);
    }
    return form;
  }

  /** For a task whose definition must exist (the database keeps a foreign key to it). */
  async get(key: string, version: number): Promise<PublishedForm> {
    const form = await this.find(key, version);
    if (!form) throw new Error(`form definition ${key} v${version} is missing`);
    return form;
  }
}
