import type { MessageKey } from './en';

/**
 * Negeseuon Cymraeg y gweinydd: y PDF a'r negeseuon e-bost. Written by the engineers, not yet
 * reviewed by a Welsh speaker (docs/welsh-language.md).
 */
export const cy: Record<MessageKey, string> = {
  'pdf.subject': 'Ynghylch',
  'pdf.reference': 'Cyfeirnod',
  'pdf.status': 'Statws',
  'pdf.statusDraft': 'Drafft \u2013 heb ei gyflwyno. Gall yr atebion newid o hyd.',
  'pdf.statusSubmitted': 'Wedi\u2019i gyflwyno',
  'pdf.submittedOn': 'Dyddiad cyflwyno',
  'pdf.submittedBy': 'Cyflwynwyd gan',
  'pdf.draftHeader': 'DRAFFT \u2013 heb ei gyflwyno',
  'pdf.submittedHeader': 'Cyflwynwyd {date}',
  'pdf.notAnswered': 'Heb ei ateb',
  'pdf.notProvided': 'Heb ei ddarparu',
  'pdf.supportingDocuments': 'Dogfennau ategol',
  'pdf.noDocuments': 'Dim dogfennau wedi\u2019u hatodi',
  'pdf.continued': '{caption} (parhad)',
  'pdf.generated': 'Crëwyd {date}',
  'pdf.pageOf': 'Tudalen {page} o {pages}',
  'pdf.draftSuffix': 'drafft',
  'size.bytes': '{n} beit',
  'size.kb': '{n} KB',
  'size.mb': '{n} MB',
  'size.unknown': 'maint anhysbys',
};
