import { formatEmailDate } from '../../shared/dates';

/**
 * Every email the portal sends, in one place. Emails carry no information about the child, no
 * answers and no ids; their only links are PUBLIC_URL/login and PUBLIC_URL/register.
 */
export interface EmailContext {
  publicUrl: string;
  councilName: string;
  supportEmail: string;
}

export interface EmailContent {
  subject: string;
  text: string;
}

export type EmailKind = 'code' | 'notice';

function footer(ctx: EmailContext): string {
  return [
    '',
    `If you need help, contact ${ctx.supportEmail}.`,
    '',
    ctx.councilName,
    '',
    'This is an automated message: please do not reply to it.',
  ].join('\n');
}

function links(ctx: EmailContext): string {
  return [
    `Log in: ${ctx.publicUrl}/login`,
    `Not registered yet? Register with this email address: ${ctx.publicUrl}/register`,
  ].join('\n');
}

/** The shape every "a form is waiting for you" email shares: what happened, the due date, the links. */
function taskNotice(ctx: EmailContext, subject: string, opening: string, dueDate: string, extra?: string): EmailContent {
  return {
    subject,
    text: [
      opening,
      '',
      `Please complete and submit this form by ${formatEmailDate(dueDate)}.`,
      ...(extra ? [extra] : []),
      '',
      links(ctx),
      footer(ctx),
    ].join('\n'),
  };
}

export const emailTemplates = {
  verificationCode(ctx: EmailContext, code: string): EmailContent {
    return {
      subject: 'Your Professional Portal verification code',
      text: [
        'Your Professional Portal verification code is:',
        '',
        code,
        '',
        'The code is valid for 10 minutes and can be used once.',
        'If you did not ask for a code, you can ignore this email.',
        'If you are waiting for one of our emails, check your Junk or Spam folder.',
        footer(ctx),
      ].join('\n'),
    };
  },

  alreadyRegistered(ctx: EmailContext): EmailContent {
    return {
      subject: 'You already have a Professional Portal account',
      text: [
        'Someone tried to register for the Professional Portal with this email address, but you already have an account.',
        '',
        `Log in: ${ctx.publicUrl}/login`,
        'If you have forgotten your password, use "Forgotten password" on the log in page to set a new one.',
        'If this was not you, you can ignore this email.',
        footer(ctx),
      ].join('\n'),
    };
  },

  accountLocked(ctx: EmailContext, unlocksAt: string): EmailContent {
    return {
      subject: 'Your Professional Portal account has been locked',
      text: [
        'Your Professional Portal account has been locked after too many failed attempts to log in.',
        '',
        `It unlocks at ${unlocksAt}.`,
        'If this was not you, reset your password using "Forgotten password" on the log in page, and tell us.',
        footer(ctx),
      ].join('\n'),
    };
  },

  taskDelegatedToPerson(ctx: EmailContext, dueDate: string): EmailContent {
    return taskNotice(ctx, 'A new form has been delegated to you', 'A new form has been delegated to you on the Professional Portal.', dueDate);
  },

  taskDelegatedToGroup(ctx: EmailContext, groupName: string, dueDate: string): EmailContent {
    return taskNotice(
      ctx,
      'A new form has been delegated to your work group',
      `A new form has been delegated to your work group "${groupName}" on the Professional Portal.`,
      dueDate,
      'A member of the work group can pick it up from "Tasks assigned to your Work Groups".',
    );
  },

  reassignedToPerson(ctx: EmailContext, byName: string, dueDate: string): EmailContent {
    return taskNotice(ctx, 'A form has been re-assigned to you', `${byName} has re-assigned a form to you on the Professional Portal.`, dueDate);
  },

  reassignedToGroup(ctx: EmailContext, byName: string, groupName: string, dueDate: string): EmailContent {
    return taskNotice(
      ctx,
      'A form has been re-assigned to your work group',
      `${byName} has re-assigned a form to your work group "${groupName}" on the Professional Portal.`,
      dueDate,
    );
  },

  reassignedFromYou(ctx: EmailContext, byName: string): EmailContent {
    return {
      subject: 'A form has been re-assigned from you',
      text: [
        `${byName} has re-assigned one of your forms on the Professional Portal to someone else.`,
        'You no longer need to complete it.',
        '',
        `Log in: ${ctx.publicUrl}/login`,
        footer(ctx),
      ].join('\n'),
    };
  },

  dueSoon(ctx: EmailContext, dueDate: string): EmailContent {
    return {
      subject: 'A form is due soon',
      text: [
        `A form on the Professional Portal is due on ${formatEmailDate(dueDate)}.`,
        'Please complete and submit it by then.',
        '',
        `Log in: ${ctx.publicUrl}/login`,
        footer(ctx),
      ].join('\n'),
    };
  },

  overdue(ctx: EmailContext, dueDate: string): EmailContent {
    return {
      subject: 'A form is overdue',
      text: [
        `A form on the Professional Portal was due on ${formatEmailDate(dueDate)} and has not been submitted.`,
        'Please complete and submit it as soon as you can.',
        '',
        `Log in: ${ctx.publicUrl}/login`,
        footer(ctx),
      ].join('\n'),
    };
  },

  emailChanged(ctx: EmailContext): EmailContent {
    return {
      subject: 'Your Professional Portal email address has changed',
      text: [
        'The email address of your Professional Portal account has been changed by our helpdesk.',
        'You will no longer receive Professional Portal emails at this address.',
        '',
        `If you did not expect this, contact ${ctx.supportEmail} straight away.`,
        footer(ctx),
      ].join('\n'),
    };
  },
};
