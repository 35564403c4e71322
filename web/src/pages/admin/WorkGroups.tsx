import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldErrors, problemErrors, useErrors } from '../../components/errors';
import { Button, TextField } from '../../components/fields';
import { Pager, usePagedList } from '../../components/lists';
import { Modal } from '../../components/Modal';
import { Heading, Loading, SuccessBanner, setFlash, takeFlash, usePageTitle } from '../../components/Page';
import { Link, navigate } from '../../router';
import { useT, type T } from '../../i18n/language';
import type { AdminWorkGroup } from '../../types';
import { AdminBreadcrumbs } from './AdminHome';
import { TableHead } from '../../components/TableHead';

const FIELD_FOR: Record<string, string> = {
  key: 'key',
  name: 'name',
  organisation: 'organisation',
  notificationEmail: 'notificationEmail',
  work_group_exists: 'key',
};

export function AdminWorkGroupsPage() {
  const t = useT();
  usePageTitle(t('admin.workGroups'));
  const [flash] = useState(takeFlash);
  const list = usePagedList<AdminWorkGroup>('/admin/work-groups', {});
  return (
    <>
      <AdminBreadcrumbs items={[{ label: t('admin.workGroups') }]} />
      {flash && <SuccessBanner heading={flash.text} />}
      <Heading>{t('admin.workGroups')}</Heading>
      <Button onClick={() => navigate('/admin/work-groups/new')}>{t('groups.create')}</Button>
      {list.error ? (
        <ErrorSummary errors={problemErrors(list.error).summary} />
      ) : !list.items ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p className="govuk-body">{t('groups.none')}</p>
      ) : (
        <>
          <table className="govuk-table app-responsive-table">
            <caption className="govuk-table__caption govuk-visually-hidden">{t('admin.workGroups')}</caption>
            <TableHead columns={[t('groups.name'), t('groups.key'), t('field.organisation'), t('groups.notificationEmail'), t('groups.members')]} />
            <tbody className="govuk-table__body">
              {list.items.map((group) => (
                <tr className="govuk-table__row" key={group.id}>
                  <td className="govuk-table__cell" data-label={t('groups.name')}>
                    <Link to={`/admin/work-groups/${encodeURIComponent(group.id)}`}>{group.name}</Link>
                  </td>
                  <td className="govuk-table__cell" data-label={t('groups.key')}>
                    <code>{group.key}</code>
                  </td>
                  <td className="govuk-table__cell" data-label={t('field.organisation')}>{group.organisation ?? ''}</td>
                  <td className="govuk-table__cell app-break-word" data-label={t('groups.notificationEmail')}>{group.notificationEmail || t('groups.everyMember')}</td>
                  <td className="govuk-table__cell" data-label={t('groups.members')}>{group.members ? group.members.length : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager hasNext={list.hasNext} hasPrevious={list.hasPrevious} onNext={list.next} onPrevious={list.previous} label={t('admin.workGroups')} />
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
  const t = useT();
  const set = (key: keyof GroupDraft) => (value: string) => setDraft({ ...draft, [key]: value });
  return (
    <>
      {withKey && (
        <TextField id="key" label={t('groups.key')} hint={t('groups.keyHint')} spellCheck={false} widthClass="govuk-!-width-two-thirds" value={draft.key} onChange={set('key')} error={errors.key} />
      )}
      <TextField id="name" label={t('groups.name')} hint={t('groups.nameHint')} value={draft.name} onChange={set('name')} error={errors.name} />
      <TextField id="organisation" label={t('field.organisation')} value={draft.organisation} onChange={set('organisation')} error={errors.organisation} />
      <TextField id="notificationEmail" label={t('groups.notificationEmailAddress')} optional type="email" spellCheck={false} hint={t('groups.notificationHint')} value={draft.notificationEmail} onChange={set('notificationEmail')} error={errors.notificationEmail} />
    </>
  );
}

function checkGroup(draft: GroupDraft, withKey: boolean, t: T) {
  return fieldErrors([
    ['key', withKey && (!draft.key.trim() ? t('groups.err.key') : !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(draft.key.trim()) && t('groups.err.keyFormat'))],
    ['name', !draft.name.trim() && t('groups.err.name')],
    ['organisation', !draft.organisation.trim() && t('accounts.err.organisation')],
  ]);
}

export function NewWorkGroupPage() {
  const [draft, setDraft] = useState<GroupDraft>({ key: '', name: '', organisation: '', notificationEmail: '' });
  const { errors, setErrors, hasErrors } = useErrors();
  const t = useT();
  usePageTitle(t('groups.create'), hasErrors);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = checkGroup(draft, true, t);
    if (invalid.summary.length) return setErrors(invalid);
    try {
      const body: Record<string, string> = { key: draft.key.trim(), name: draft.name.trim(), organisation: draft.organisation.trim() };
      if (draft.notificationEmail.trim()) body.notificationEmail = draft.notificationEmail.trim();
      const group = await api.post<AdminWorkGroup>('/admin/work-groups', body);
      setFlash(t('groups.created', { name: group.name }));
      navigate(`/admin/work-groups/${encodeURIComponent(group.id)}`);
    } catch (error) {
      setErrors(problemErrors(error, (key) => FIELD_FOR[key]));
    }
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <AdminBreadcrumbs items={[{ to: '/admin/work-groups', label: t('admin.workGroups') }, { label: t('groups.createCrumb') }]} />
        <ErrorSummary errors={errors.summary} />
        <Heading>{t('groups.create')}</Heading>
        <form noValidate onSubmit={submit}>
          <GroupFields draft={draft} setDraft={setDraft} errors={errors.fields} withKey />
          <Button type="submit">{t('groups.createButton')}</Button>
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
  const t = useT();
  usePageTitle(group ? t('groups.pageTitle', { name: group.name }) : t('adminTasks.workGroup'), hasErrors);

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
    const invalid = checkGroup(draft, false, t);
    if (invalid.summary.length) return setErrors(invalid);
    try {
      const updated = await api.patch<AdminWorkGroup>(`/admin/work-groups/${encodeURIComponent(id)}`, {
        name: draft.name.trim(),
        organisation: draft.organisation.trim(),
        notificationEmail: draft.notificationEmail.trim() || null,
      });
      setGroup({ ...group, ...updated });
      clear();
      setMessage(t('groups.updated'));
    } catch (error) {
      setErrors(problemErrors(error, (key) => FIELD_FOR[key]));
    }
  };

  const addMember = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const email = memberEmail.trim();
    const invalid = fieldErrors([['memberEmail', !email ? t('groups.err.member') : !/^[^\s@]+@[^\s@]+$/.test(email) && t('login.emailFormat')]]);
    if (invalid.summary.length) return setErrors(invalid);
    try {
      await api.post(`/admin/work-groups/${encodeURIComponent(id)}/members`, { email });
      setMemberEmail('');
      clear();
      setMessage(t('groups.added', { email }));
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
      setMessage(t('groups.removed', { label }));
      await reload();
    } catch (error) {
      setErrors(problemErrors(error));
    }
  };

  const deleteGroup = async () => {
    setConfirmDelete(false);
    try {
      await api.delete(`/admin/work-groups/${encodeURIComponent(id)}`);
      setFlash(t('groups.deleted', { name: group.name }));
      navigate('/admin/work-groups');
    } catch (error) {
      setErrors(problemErrors(error));
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <AdminBreadcrumbs items={[{ to: '/admin/work-groups', label: t('admin.workGroups') }, { label: group.name }]} />
        <ErrorSummary errors={errors.summary} />
        {message && !hasErrors && <SuccessBanner heading={message} />}
        <Heading caption={t('groups.caption', { key: group.key })}>{group.name}</Heading>

        <h2 className="govuk-heading-m">{t('groups.members')}</h2>
        {group.members && group.members.length > 0 ? (
          <dl className="govuk-summary-list">
            {group.members.map((member) => {
              const label = member.name ? `${member.name} (${member.email})` : member.email;
              return (
                <div className="govuk-summary-list__row" key={member.accountId ?? member.email}>
                  <dt className="govuk-summary-list__key app-break-word">{member.accountId ? member.name || member.email : member.email}</dt>
                  <dd className="govuk-summary-list__value app-break-word">{member.accountId ? member.email : t('groups.notRegistered')}</dd>
                  <dd className="govuk-summary-list__actions">
                    {member.accountId && (
                      <button type="button" className="app-link-button govuk-link" onClick={() => void removeMember(member.accountId!, label)}>
                        {t('table.remove')}
                        <span className="govuk-visually-hidden"> {label}</span>
                      </button>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        ) : (
          <p className="govuk-body">{t('groups.noMembers')}</p>
        )}
        <form noValidate onSubmit={addMember}>
          <TextField id="memberEmail" label={t('groups.addMember')} hint={t('groups.addMemberHint')} type="email" spellCheck={false} value={memberEmail} onChange={setMemberEmail} error={errors.fields.memberEmail} />
          <Button type="submit" variant="secondary">
            {t('groups.addMemberButton')}
          </Button>
        </form>

        <h2 className="govuk-heading-m">{t('groups.change')}</h2>
        <form noValidate onSubmit={saveGroup}>
          <GroupFields draft={draft} setDraft={setDraft} errors={errors.fields} withKey={false} />
          <Button type="submit">{t('details.saveChanges')}</Button>
        </form>

        <h2 className="govuk-heading-m">{t('groups.delete')}</h2>
        <p className="govuk-body">{t('groups.deleteText')}</p>
        <Button variant="warning" onClick={() => setConfirmDelete(true)}>
          {t('groups.deleteButton')}
        </Button>
        {confirmDelete && (
          <Modal title={t('groups.deleteTitle', { name: group.name })} onClose={() => setConfirmDelete(false)} role="alertdialog">
            <p className="govuk-body">{t('groups.deleteWarning')}</p>
            <div className="govuk-button-group">
              <Button variant="warning" onClick={() => void deleteGroup()}>
                {t('groups.yesDelete')}
              </Button>
              <Button variant="secondary" onClick={() => setConfirmDelete(false)}>
                {t('groups.noKeep')}
              </Button>
            </div>
          </Modal>
        )}
      </div>
    </div>
  );
}
