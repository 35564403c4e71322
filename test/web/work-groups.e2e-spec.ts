import { Browser } from 'playwright-core';
import { registerAdminHere } from '../support/sql';
import { delegate, delegationBody, publishSampleForms } from '../support/task-fixtures';
import { PortalClient, registerAndLogin } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import {
  describeWithBrowser,
  ensureWebBuilt,
  expectHeading,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
} from './support/browser';
import { formSection } from './support/form';

const TITLE = 'Education advice for an EHC needs assessment';

/** Two professionals in one work group, each in their own browser: pickup, a lost race, re-assign. */
describeWithBrowser('Web client: work group pickup and re-assign', () => {
  let t: TestApp;
  let browser: Browser;
  let ana: PortalClient;
  let ben: PortalClient;

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    await publishSampleForms(t);
    const admin = await registerAdminHere(t, 'helpdesk@council.example');
    ana = await registerAndLogin(t, 'ana.khan@school.example', { firstName: 'Ana', lastName: 'Khan' });
    ben = await registerAndLogin(t, 'ben.jones@school.example', { firstName: 'Ben', lastName: 'Jones' });
    const group = (
      await admin
        .post('/admin/work-groups', { key: 'school-sen', name: 'School SEN team', organisation: 'Example School' })
        .expect(201)
    ).body;
    for (const member of [ana, ben])
      await admin.post(`/admin/work-groups/${group.id}/members`, { email: member.email }).expect(204);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('one member picks up a group task, the other loses the race, then it is re-assigned to them', async () => {
    const task = await delegate(
      t,
      delegationBody('unused@school.example', {
        assignee: { workGroupKey: 'school-sen' },
        subject: { reference: 'LCS-777001', displayName: 'Jamie Reid' },
      }),
    );
    const [anaContext, benContext] = await Promise.all([newContext(browser, t), newContext(browser, t)]);
    const anaPage = await anaContext.newPage();
    const benPage = await benContext.newPage();
    await signIn(anaPage, t, ana.email);
    await signIn(benPage, t, ben.email);

    // Both see the group's task, with its Work Group, under "Tasks assigned to your Work Groups".
    for (const page of [anaPage, benPage]) {
      await expectHeading(page, 'Your tasks');
      await page.getByText('You have no forms to complete.').waitFor();
      await page.getByRole('tab', { name: 'Tasks assigned to your Work Groups' }).click();
      const row = page
        .getByRole('tabpanel', { name: 'Tasks assigned to your Work Groups' })
        .getByRole('row')
        .filter({ hasText: 'LCS-777001' });
      await row.getByRole('cell', { name: 'School SEN team' }).waitFor();
      await row.getByText('18-Dec-2026').waitFor();
    }
    await screenshot(anaPage, 'dashboard-work-groups');

    // Ana picks it up: the form opens for her.
    await anaPage.getByRole('button', { name: `Pickup ${TITLE}, reference LCS-777001` }).click();
    await expectHeading(anaPage, TITLE);
    await anaPage.getByText(`You have picked up "${TITLE}"`).waitFor();
    await formSection(anaPage, 'About the child or young person');

    // Ben's page still shows it; his pickup loses and the list refreshes.
    await benPage.getByRole('button', { name: `Pickup ${TITLE}, reference LCS-777001` }).click();
    await benPage
      .locator('.govuk-error-summary')
      .getByText('Someone else has already picked up this task. The list has been updated.')
      .waitFor();
    await benPage.getByText('There are no tasks waiting for your work groups.').waitFor();

    // Ana starts the form, then re-assigns it to Ben (her draft is saved on the way).
    await anaPage.getByLabel('Name of educational setting').fill('Example School');
    await anaPage.getByRole('button', { name: 'Re-Assign this task' }).click();
    const dialog = anaPage.getByRole('dialog', { name: 'Re-Assign task' });
    await dialog.getByRole('radio', { name: 'School SEN team' }).waitFor();
    expect(await dialog.getByRole('radio').count()).toBe(3); // the group, Ana (you), Ben
    await dialog.getByRole('radio', { name: 'Ben Jones' }).check();
    await screenshot(anaPage, 'reassign-dialog');
    const mailMark = t.mail.mark();
    await dialog.getByRole('button', { name: 'Re-Assign' }).click();
    await expectHeading(anaPage, 'Your tasks');
    await anaPage.getByText(`"${TITLE}" has been re-assigned to Ben Jones.`).waitFor();

    // Ana now sees it among her group members' tasks, held by Ben.
    await anaPage.getByRole('tab', { name: 'Group member tasks' }).click();
    const memberRow = anaPage
      .getByRole('tabpanel', { name: 'Group member tasks' })
      .getByRole('row')
      .filter({ hasText: 'LCS-777001' });
    await memberRow.getByRole('cell', { name: 'Ben Jones' }).waitFor();
    await memberRow.getByRole('cell', { name: 'School SEN team' }).waitFor();
    await screenshot(anaPage, 'dashboard-group-members');
    // With nothing left for the group, its list is not offered at all.
    await anaPage.reload({ waitUntil: 'networkidle' }); // the lists have answered
    await memberRow.getByRole('cell', { name: 'Ben Jones' }).waitFor();
    expect(await anaPage.getByRole('tab').allInnerTexts()).toEqual([
      'Tasks to complete',
      'Group member tasks',
      'Recently submitted tasks',
    ]);

    // Ben is told by email and finds it in Tasks to complete, with Ana's saved answer.
    await t.mail.waitForMail(ben.email, 'A form has been re-assigned to you', mailMark);
    await benPage.getByRole('tab', { name: 'Tasks to complete' }).click(); // the list loads afresh
    const benRow = benPage
      .getByRole('tabpanel', { name: 'Tasks to complete' })
      .getByRole('row')
      .filter({ hasText: 'LCS-777001' });
    await benRow.getByRole('link', { name: TITLE }).click();
    await expectHeading(benPage, TITLE);
    await formSection(benPage, 'About the child or young person');
    expect(await benPage.getByLabel('Name of educational setting').inputValue()).toBe('Example School');
    await benPage.getByText('School SEN team').first().waitFor(); // the Work Group it came through

    // And the server agrees.
    const detail = (await ben.get(`/tasks/${task.id}`).expect(200)).body;
    expect(detail.assignee).toMatchObject({ type: 'account', accountId: ben.accountId });
    expect(detail.workGroup).toMatchObject({ name: 'School SEN team' });
    await ana.get(`/tasks/${task.id}`).expect(404);
    await Promise.all([anaContext.close(), benContext.close()]);
  });
});
