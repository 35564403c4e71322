/**
 * The server's English messages: the PDF (the emails' wording is in src/notifications/templates). Keys are `area.name`; `{name}` marks a
 * value filled in at use. Welsh beside it in cy.ts, key for key (a test compares them).
 */
export const en = {
  'pdf.subject': 'Subject',
  'pdf.reference': 'Reference',
  'pdf.status': 'Status',
  'pdf.statusDraft': 'Draft \u2013 not submitted. The answers may still change.',
  'pdf.statusSubmitted': 'Submitted',
  'pdf.submittedOn': 'Submitted on',
  'pdf.submittedBy': 'Submitted by',
  'pdf.draftHeader': 'DRAFT \u2013 not submitted',
  'pdf.submittedHeader': 'Submitted {date}',
  'pdf.notAnswered': 'Not answered',
  'pdf.notProvided': 'Not provided',
  'pdf.supportingDocuments': 'Supporting documents',
  'pdf.noDocuments': 'No documents attached',
  'pdf.continued': '{caption} (continued)',
  'pdf.generated': 'Generated {date}',
  'pdf.pageOf': 'Page {page} of {pages}',
  'pdf.draftSuffix': 'draft',
  'size.bytes': '{n} bytes',
  'size.kb': '{n} KB',
  'size.mb': '{n} MB',
  'size.unknown': 'unknown size',
} as const;

export type MessageKey = keyof typeof en;
