/**
 * Who hears about a work group's task: the group's generic address when it has one, otherwise every
 * active member — but never the member who caused the email.
 */
export function groupRecipients(
  group: { notificationEmail: string | null; activeMembers: { accountId: string; email: string }[] },
  exceptAccountId?: string,
): string[] {
  if (group.notificationEmail) return [group.notificationEmail];
  return group.activeMembers.filter((m) => m.accountId !== exceptAccountId).map((m) => m.email);
}
