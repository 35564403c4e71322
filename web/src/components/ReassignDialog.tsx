import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useT } from '../i18n/language';
import { useSession } from '../session';
import type { MyWorkGroup, TaskSummary } from '../types';
import { ErrorSummary } from './ErrorSummary';
import { fieldErrors, problemErrors, useErrors } from './errors';
import { Button, ErrorMessage } from './fields';
import { Modal } from './Modal';
import { Loading } from './Page';

interface Target {
  key: string;
  label: string;
  /** Who it is, without "(you)": named in the confirmation. */
  name: string;
  hint?: string;
  to: { workGroupId: string } | { accountId: string };
}

function holderKey(task: TaskSummary): string | undefined {
  const assignee = task.assignee;
  if (!assignee) return undefined;
  if (assignee.type === 'account') return `a:${assignee.accountId}`;
  if (assignee.type === 'work_group') return `g:${assignee.workGroupId}`;
  return undefined;
}

/** "Re-Assign": choose one of my work groups or a member of one; POST /tasks/{id}/reassign. */
export function ReassignDialog({
  task,
  version,
  beforeReassign,
  onDone,
  onClose,
}: {
  task: TaskSummary;
  version?: number;
  /** e.g. save the open form first; returns the version to send. */
  beforeReassign?: () => Promise<number | undefined>;
  onDone: (target: string, task: TaskSummary) => void;
  onClose: () => void;
}) {
  const { account } = useSession();
  const tr = useT();
  const [groups, setGroups] = useState<MyWorkGroup[] | null>(null);
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, setErrors } = useErrors();

  useEffect(() => {
    api
      .get<{ items: MyWorkGroup[] }>('/work-groups')
      .then((result) => setGroups(result.items ?? []))
      .catch((error) => {
        setGroups([]);
        setErrors(problemErrors(error));
      });
  }, [setErrors]);

  const targets: { groups: Target[]; people: Target[] } = { groups: [], people: [] };
  const seen = new Set<string>();
  for (const group of groups ?? []) {
    targets.groups.push({ key: `g:${group.id}`, label: group.name, name: group.name, hint: tr('reassign.workGroup'), to: { workGroupId: group.id } });
  }
  for (const group of groups ?? []) {
    for (const member of group.members ?? []) {
      if (seen.has(member.accountId)) continue;
      seen.add(member.accountId);
      const isMe = member.accountId === account?.id;
      targets.people.push({
        key: `a:${member.accountId}`,
        label: isMe ? tr('reassign.you', { name: member.name || member.email }) : member.name || member.email,
        name: member.name || member.email,
        hint: member.email,
        to: { accountId: member.accountId },
      });
    }
  }
  targets.people.sort((a, b) => a.label.localeCompare(b.label));
  const current = holderKey(task);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const target = [...targets.groups, ...targets.people].find((t) => t.key === choice);
    if (!target) return setErrors(fieldErrors([['reassign-target', tr('reassign.err.choose')]]));
    setBusy(true);
    try {
      const sendVersion = beforeReassign ? await beforeReassign() : version;
      const body: Record<string, unknown> = { to: target.to };
      if (sendVersion !== undefined) body.version = sendVersion;
      const updated = await api.post<TaskSummary>(`/tasks/${encodeURIComponent(task.id)}/reassign`, body);
      onDone(target.name, updated);
    } catch (error) {
      setErrors(problemErrors(error, (key) => (key === 'invalid_target' ? 'reassign-target' : undefined)));
      setBusy(false);
    }
  };

  const radio = (target: Target, index: number) => {
    const id = index === 0 ? 'reassign-target' : `reassign-target-${index}`;
    const isCurrent = target.key === current;
    return (
      <div className="govuk-radios__item" key={target.key}>
        <input className="govuk-radios__input" id={id} name="reassign-target" type="radio" value={target.key} checked={choice === target.key} onChange={() => setChoice(target.key)} aria-describedby={`${id}-hint`} />
        <label className="govuk-label govuk-radios__label" htmlFor={id}>
          {target.label}
        </label>
        <div id={`${id}-hint`} className="govuk-hint govuk-radios__hint">
          {target.hint}
          {isCurrent ? tr('reassign.hasIt') : ''}
        </div>
      </div>
    );
  };

  const error = errors.fields['reassign-target'];
  return (
    <Modal title={tr('reassign.title')} onClose={onClose} wide>
      <ErrorSummary errors={errors.summary} />
      <p className="govuk-body">
        <strong>{task.title}</strong>
        {task.subject?.reference && <>{tr('reassign.reference', { reference: task.subject.reference })}</>}
      </p>
      {groups === null ? (
        <Loading label={tr('reassign.loading')} />
      ) : targets.groups.length === 0 ? (
        <p className="govuk-body">{tr('reassign.noGroups')}</p>
      ) : (
        <form noValidate onSubmit={submit}>
          <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
            <fieldset className="govuk-fieldset" aria-describedby={error ? 'reassign-target-error' : undefined}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{tr('reassign.who')}</legend>
              {error && <ErrorMessage id="reassign-target-error">{error}</ErrorMessage>}
              <div className="govuk-radios" data-module="govuk-radios">
                <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2">{tr('reassign.aGroup')}</p>
                {targets.groups.map((t, i) => radio(t, i))}
                <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-top-4 govuk-!-margin-bottom-2">{tr('reassign.aPerson')}</p>
                {targets.people.map((t, i) => radio(t, targets.groups.length + i))}
              </div>
            </fieldset>
          </div>
          <div className="govuk-button-group">
            <Button type="submit" disabled={busy}>
              {tr('reassign.confirm')}
            </Button>
            <Button variant="secondary" onClick={onClose}>
              {tr('dialog.cancel')}
            </Button>
          </div>
        </form>
      )}
      {groups !== null && targets.groups.length === 0 && (
        <Button variant="secondary" onClick={onClose}>
          {tr('dialog.close')}
        </Button>
      )}
    </Modal>
  );
}
