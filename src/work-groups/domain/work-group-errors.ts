import { DomainError } from '../../shared/errors/domain-error';

export class WorkGroupExistsError extends DomainError {
  constructor() {
    super('work_group_exists', 'conflict', 'A work group with this key already exists');
  }
}

export class WorkGroupInUseError extends DomainError {
  constructor() {
    super('work_group_in_use', 'conflict', 'This work group still holds tasks', {
      detail: 'Re-assign or wait for its tasks to be picked up before deleting it.',
    });
  }
}

export class InvalidWorkGroupError extends DomainError {
  constructor(errors: { path: string; message: string }[]) {
    super('invalid_work_group', 'invalid', 'The work group details are not valid', { errors });
  }
}
