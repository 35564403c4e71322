import { Injectable } from '@nestjs/common';
import { JsonText } from '../../shared/json-text';
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
  /** Each cached definition serialised once, for pages that send it as it is. */
  private readonly texts = new WeakMap<PublishedForm, JsonText>();

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

  /** `get`'s definition as JSON text (see JsonText), serialised once per cached form. */
  async definitionText(key: string, version: number): Promise<JsonText> {
    const form = await this.get(key, version);
    let text = this.texts.get(form);
    if (!text) {
      text = JsonText.of(form.definition);
      this.texts.set(form, text);
    }
    return text;
  }
}
