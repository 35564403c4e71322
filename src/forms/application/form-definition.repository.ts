import { PublishedForm } from '../domain/published-form';

export abstract class FormDefinitionRepository {
  abstract find(key: string, version: number): Promise<PublishedForm | null>;
  /**
   * Inserts unless that key and version exist already (a single statement, so two simultaneous
   * publications cannot both win). Returns whether this call inserted it.
   */
  abstract insertIfAbsent(form: PublishedForm): Promise<boolean>;
}
