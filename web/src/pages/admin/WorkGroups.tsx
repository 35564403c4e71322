import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldErrors, problemErrors, useErrors } from '../../components/errors';
import { Button, TextField } from '../../components/fields';
import { Pager, usePagedList } from '../../components/lists';
import { Modal } from '../../components/Modal';
import { Heading, Loading, SuccessBanner, setFlash, takeFlash, usePageTitle } from '../../components/Page';
import { Link, navigate } from '../../router';
import type { AdminWorkGroup } from '../../types';
import { AdminBreadcrumbs } from './AdminHome';

const FIELD_FOR: Record<string, string> = {
  key: 'key',
  name: 'name',
  organisation: 'organisation',
  notificationEmail: 'notificationEmail',
  work_group_exists: 'key',
};

export function AdminWorkGroupsPage() {
  usePageTitle('Work Groups');
  const [flash] = useState(takeFlash);
  const list = usePagedList<AdminWorkGroup>('/admin/work-groups', {});
  return (
    <>
      <AdminBreadcrumbs items={[{ label: 'Work Groups' }]} />
      {flash && <SuccessBanner heading={flash.text} />}
      <Heading>Work Groups</Heading>
      <Button onClick={() => navigate('/admin/work-groups/new')}>Create a work group</Button>
      {list.error ? (
        <ErrorSummary errors={problemErrors(list.error).summary} />
      ) : !list.items ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p className="govuk-body">There are no work groups yet.</p>
      ) : (
        <>
          <table className="govuk-table app-responsive-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Work groups</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Name</th>
                <th scope="col" className="govuk-table__header">Key</th>
                <th scope="col" className="govuk-table__header">Organisation</th>
                <th scope="col" className="govuk-table__header">Notification email</th>
                <th scope="col" className="govuk-table__header">Members</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {list.items.map((group) => (
                <tr className="govuk-table__row" key={group.id}>
                  <td className="govuk-table__cell" data-label="Name">
                    <Link to={`/admin/work-groups/${encodeURIComponent(group.id)}`}>{group.name}</Link>
                  </td>
                  <td className="govuk-table__cell" data-label="Key">
                    <code>{group.key}</code>
                  </td>
                  <td className="govuk-table__cell" data-label="Organisation">{group.organisation ?? ''}</td>
                  <td className="govuk-table__cell app-break-word" data-label="Notification email">{group.notificationEmail || 'Every member'}</td>
                  <td className="govuk-table__cell" data-label="Members">{group.members ? group.members.length : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager hasNext={list.hasNext} hasPrevious={list.hasPrevious} onNext={list.next} onPrevious={list.previous} label="Work groups" />
        </>
      )}
    </>
  );
}

interface GroupDraft {
  key: string;
  name: string;
  organisation: string;
  notificationEmail: string;
}

function GroupFields({ draft, setDraft, errors, withKey }: { draft: GroupDraft; setDraft: (draft: GroupDraft) => void; errors: Record<string, string>; withKey: boolean }) {
  const set = (key: keyof GroupDraft) => (value: string) => setDraft({ ...draft, [key]: value });
  return (
    <>
      {withKey && (
        <TextField id="key" label="Key" hint="The case management system uses this to send tasks to the group, for example north-health-visitors. Lowercase letters, numbers and hyphens. It cannot be changed later." spellCheck={false} widthClass="govuk-!-width-two-thirds" value={draft.key} onChange={set('key')} error={errors.key} />
      )}
      <TextField id="name" label="Name" hint="Professionals see this name" value={draft.name} onChange={set('name')} error={errors.name} />
      <TextField id="organisation" label="Organisation" value={draft.organisation} onChange={set('organisation')} error={errors.organisation} />
      <TextField id="notificationEmail" label="Notification email address" optional type="email" spellCheck={false} hint="A shared inbox that is told about new tasks for the group. Leave empty to email every member." value={draft.notificationEmail} onChange={set('notificationEmail')} error={errors.notificationEmail} />
    </>
  );
}

function checkGroup(draft: GroupDraft, withKey: boolean) {
  return fieldErrors([
    ['key', withKey && (!draft.key.trim() ? 'Enter a key' : !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(draft.key.trim()) && 'The key must use lowercase letters, numbers and single hyphens, starting with a letter')],
    ['name', !draft.name.trim() && 'Enter a name'],
    ['organisation', !draft.organisation.trim() && 'Enter the organisation'],
  ]);
}

export function NewWorkGroupPage() {
  const [draft, setDraft] = useState<GroupDraft>({ key: '', name: '', organisation: '', notificationEmail: '' });
  const { errors, setErrors, hasErrors } = useErrors();
  usePageTitle('Create a work group', hasErrors);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = checkGroup(draft, true);
    if (invalid.summary.length) return setErrors(invalid);
    try {
      const body: Record<string, string> = { key: draft.key.trim(), name: draft.name.trim(), organisation: draft.organisation.trim() };
      if (draft.notificationEmail.trim()) body.notificationEmail = draft.notificationEmail.trim();
      const group = await api.post<AdminWorkGroup>('/admin/work-groups', body);
      setFlash(`Work group "${group.name}" created. Add its members below.`);
      navigate(`/admin/work-groups/${encodeURIComponent(group.id)}`);
    } catch (error) {
      setErrors(problemErrors(error, (key) => FIELD_FOR[key]));
    }
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <AdminBreadcrumbs items={[{ to: '/admin/work-groups', label: 'Work Groups' }, { label: 'Create' }]} />
        <ErrorSummary errors={errors.summary} />
        <Heading>Create a work group</Heading>
        <form noValidate onSubmit={submit}>
          <GroupFields draft={draft} setDraft={setDraft} errors={errors.fields} withKey />
          <Button type="submit">Create work group</Button>
        </form>
      </div>
    </div>
  );
}

export function AdminWorkGroupPage({ id }: { id: string }) {
  const [group, setGroup] = useState<AdminWorkGroup | null>(null);
  const [draft, setDraft] = useState<GroupDraft | null>(null);
  const [memberEmail, setMemberEmail] = useState('');
  const [message, setMessage] = useState<string | null>(() => takeFlash()?.text ?? null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { errors, setErrors, clear, hasErrors } = useErrors();
  usePageTitle(group ? `Work group: ${group.name}` : 'Work group', hasErrors);

  const reload = useCallback(async () => {
    try {
      const loaded = await api.get<AdminWorkGroup>(`/admin/work-groups/${encodeURIComponent(id)}`);
      setGroup(loaded);
      setDraft({ key: loaded.key, name: loaded.name, organisation: loaded.organisation ?? '', notificationEmail: loaded.notificationEmail ?? '' });
    } catch (error) {
      setErrors(problemErrors(error));
    }
  }, [id, setErrors]);

  useEffect(() => {
    void reload();
  }, [reload]);

  if (!group || !draft) return hasErrors ? <ErrorSummary errors={errors.summary} /> : <Loading />;

  const saveGroup = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const invalid = checkGroup(draft, false);
    if (invalid.summary.length) return setErrors(invalid);
    try {
      const updated = await api.patch<AdminWorkGroup>(`/admin/work-groups/${encodeURIComponent(id)}`, {
        name: draft.name.trim(),
        organisation: draft.organisation.trim(),
        notificationEmail: draft.notificationEmail.trim() || null,
      });
      setGroup({ ...group, ...updated });
      clear();
      setMessage('The work group has been updated.');
    } catch (error) {
      setErrors(problemErrors(error, (key) => FIELD_FOR[key]));
    }
  };

  const addMember = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const email = memberEmail.trim();
    const invalid = fieldErrors([['memberEmail', !email ? 'Enter the email address of the person to add' : !/^[^\s@]+@[^\s@]+$/.test(email) && 'Enter an email address in the correct format, like name@example.com']]);
    if (invalid.summary.length) return setErrors(invalid);
    try {
      await api.post(`/admin/work-groups/${encodeURIComponent(id)}/members`, { email });
      setMemberEmail('');
      clear();
      setMessage(`${email} has been added to the group.`);
      await reload();
    } catch (error) {
      setErrors(problemErrors(error, (key) => (key === 'email' || key === 'invalid_email' ? 'memberEmail' : undefined)));
    }
  };

  const removeMember = async (accountId: string, label: string) => {
    setMessage(null);
    try {
      await api.delete(`/admin/work-groups/${encodeURIComponent(id)}/members/${encodeURIComponent(accountId)}`);
      clear();
      setMessage(`${label} has been removed from the group.`);
      await reload();
    } catch (error) {
      setErrors(problemErrors(error));
    }
  };

  const deleteGroup = async () => {
    setConfirmDelete(false);
    try {
      await api.delete(`/admin/work-groups/${encodeURIComponent(id)}`);
      setFlash(`Work group "${group.name}" has been deleted.`);
      navigate('/admin/work-groups');
    } catch (error) {
      setErrors(problemErrors(error));
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <AdminBreadcrumbs items={[{ to: '/admin/work-groups', label: 'Work Groups' }, { label: group.name }]} />
        <ErrorSummary errors={errors.summary} />
        {message && !hasErrors && <SuccessBanner heading={message} />}
        <Heading caption={`Work group – key ${group.key}`}>{group.name}</Heading>

        <h2 className="govuk-heading-m">Members</h2>
        {group.members && group.members.length > 0 ? (
          <dl className="govuk-summary-list">
            {group.members.map((member) => {
              const label = member.name ? `${member.name} (${member.email})` : member.email;
              return (
                <div className="govuk-summary-list__row" key={member.accountId ?? member.email}>
                  <dt className="govuk-summary-list__key app-break-word">{member.accountId ? member.name || member.email : member.email}</dt>
                  <dd className="govuk-summary-list__value app-break-word">{member.accountId ? member.email : 'Not registered yet: joins the group on registering'}</dd>
                  <dd className="govuk-summary-list__actions">
                    {member.accountId && (
                      <button type="button" className="app-link-button govuk-link" onClick={() => void removeMember(member.accountId!, label)}>
                        Remove<span className="govuk-visually-hidden"> {label}</span>
                      </button>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        ) : (
          <p className="govuk-body">This group has no members yet.</p>
        )}
        <form noValidate onSubmit={addMember}>
          <TextField id="memberEmail" label="Add a member by email address" hint="Someone who has not registered yet becomes a member when they register with this address." type="email" spellCheck={false} value={memberEmail} onChange={setMemberEmail} error={errors.fields.memberEmail} />
          <Button type="submit" variant="secondary">
            Add member
          </Button>
        </form>

        <h2 className="govuk-heading-m">Change the group</h2>
        <form noValidate onSubmit={saveGroup}>
          <GroupFields draft={draft} setDraft={setDraft} errors={errors.fields} withKey={false} />
          <Button type="submit">Save changes</Button>
        </form>

        <h2 className="govuk-heading-m">Delete the group</h2>
        <p className="govuk-body">You can only delete a group that holds no tasks.</p>
        <Button variant="warning" onClick={() => setConfirmDelete(true)}>
          Delete work group
        </Button>
        {confirmDelete && (
          <Modal title={`Delete "${group.name}"?`} onClose={() => setConfirmDelete(false)} role="alertdialog">
            <p className="govuk-body">The group and its memberships will be deleted. This cannot be undone.</p>
            <div className="govuk-button-group">
              <Button variant="warning" onClick={() => void deleteGroup()}>
                Yes, delete it
              </Button>
              <Button variant="secondary" onClick={() => setConfirmDelete(false)}>
                No, keep it
              </Button>
            </div>
          </Modal>
        )}
      </div>
    </div>
  );
}
