/**
 * The Welsh of the API's problem titles and details (issue 23), by their English text: the English
 * stays where it is written (beside the rule that raises it) and is the default; a text missing
 * here stays English. Texts with values in them are matched by pattern. Written by the engineers: a
 * Welsh speaker should review them (docs/records-and-languages.md).
 */
export const WELSH_PROBLEM_TEXTS: Readonly<Record<string, string>> = {
  // Generic
  'Not found': 'Heb ei ganfod',
  'You do not have permission to do this': 'Nid oes gennych ganiatâd i wneud hyn',
  'Sign in to continue': 'Mewngofnodwch i barhau',
  'The request is not valid': 'Nid yw’r cais yn ddilys',
  'The request body is too large': 'Mae corff y cais yn rhy fawr',
  'Send the request as application/json': 'Anfonwch y cais fel application/json',
  'Send the request as application/json in UTF-8': 'Anfonwch y cais fel application/json yn UTF-8',
  'This content type is not accepted': 'Ni dderbynnir y math hwn o gynnwys',
  'Too many requests: wait a moment and try again': 'Gormod o geisiadau: arhoswch funud a rhowch gynnig arall arni',
  'The service is briefly unavailable': 'Nid yw’r gwasanaeth ar gael am ychydig',
  'Try again in a moment.': 'Rhowch gynnig arall arni mewn munud.',
  'Something went wrong on our side': 'Aeth rhywbeth o’i le ar ein hochr ni',
  'This server is shutting down: try again in a few seconds':
    'Mae’r gweinydd hwn yn cau: rhowch gynnig arall arni ymhen ychydig eiliadau',
  'This was changed by someone else': 'Newidiwyd hyn gan rywun arall',
  'Reload to see the latest version, then try again.': 'Ail-lwythwch i weld y fersiwn ddiweddaraf, yna rhowch gynnig arall arni.',
  'A valid integration key is required': 'Mae angen allwedd integreiddio ddilys',
  // Identity
  'Another account already uses this email address': 'Mae cyfrif arall eisoes yn defnyddio’r cyfeiriad e-bost hwn',
  'The email address or password is incorrect': 'Mae’r cyfeiriad e-bost neu’r cyfrinair yn anghywir',
  'Check your email address and password and try again.':
    'Gwiriwch eich cyfeiriad e-bost a’ch cyfrinair a rhowch gynnig arall arni.',
  'The code is incorrect': 'Mae’r cod yn anghywir',
  'Check the code in the email we sent you and try again.':
    'Gwiriwch y cod yn yr e-bost a anfonwyd atoch a rhowch gynnig arall arni.',
  'This code has expired': 'Mae’r cod hwn wedi dod i ben',
  'The code has expired or too many wrong codes were entered. Start again to get a new code.':
    'Mae’r cod wedi dod i ben neu rhoddwyd gormod o godau anghywir. Dechreuwch eto i gael cod newydd.',
  'You cannot ask for another code yet': 'Ni allwch ofyn am god arall eto',
  'You have asked for the most codes allowed. Start again to get a new code.':
    'Rydych wedi gofyn am yr uchafswm o godau a ganiateir. Dechreuwch eto i gael cod newydd.',
  'Choose a stronger password': 'Dewiswch gyfrinair cryfach',
  'This password is too common. Choose one that would be hard to guess.':
    'Mae’r cyfrinair hwn yn rhy gyffredin. Dewiswch un a fyddai’n anodd ei ddyfalu.',
  'Your password must not contain your email address.': 'Ni ddylai eich cyfrinair gynnwys eich cyfeiriad e-bost.',
  'Your password repeats too few different characters. Choose one that would be hard to guess.':
    'Mae eich cyfrinair yn ailadrodd rhy ychydig o nodau gwahanol. Dewiswch un a fyddai’n anodd ei ddyfalu.',
  'This password would be easy to guess: avoid keyboard patterns, repeated words and names. A few unrelated words together make a strong password.':
    'Byddai’n hawdd dyfalu’r cyfrinair hwn: osgowch batrymau bysellfwrdd, geiriau wedi’u hailadrodd ac enwau. Mae ychydig o eiriau digyswllt gyda’i gilydd yn gwneud cyfrinair cryf.',
  'Confirm you are using the portal in a professional capacity':
    'Cadarnhewch eich bod yn defnyddio’r porth yn rhinwedd eich swydd',
  'The Professional Portal is only for professionals working with the council.':
    'Mae’r Porth Gweithwyr Proffesiynol ar gyfer gweithwyr proffesiynol sy’n gweithio gyda’r cyngor yn unig.',
  'Enter an email address in the correct format, like name@example.com':
    'Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com',
  'Some of your details are not valid': 'Nid yw rhai o’ch manylion yn ddilys',
  'The reset link is not valid': 'Nid yw’r ddolen ailosod yn ddilys',
  'Start again from "Forgotten password".': 'Dechreuwch eto o “Wedi anghofio’ch cyfrinair”.',
  'Your session has expired': 'Mae eich sesiwn wedi dod i ben',
  'You were signed out because you were inactive. Sign in again to continue.':
    'Cawsoch eich allgofnodi am nad oeddech wedi gwneud dim. Mewngofnodwch eto i barhau.',
  'The request could not be verified': 'Nid oedd modd dilysu’r cais',
  'Reload the page and try again.': 'Ail-lwythwch y dudalen a rhowch gynnig arall arni.',
  // Tasks and submissions
  'There is no such task, or it is not yours.': 'Nid oes tasg o’r fath, neu nid eich un chi yw hi.',
  'Pick this task up before opening it': 'Codwch y dasg hon cyn ei hagor',
  'This form has already been submitted': 'Mae’r ffurflen hon eisoes wedi’i chyflwyno',
  'A submitted form can no longer be changed.': 'Ni ellir newid ffurflen a gyflwynwyd mwyach.',
  'The form is not ready to submit': 'Nid yw’r ffurflen yn barod i’w chyflwyno',
  'Answer or correct the questions listed, then submit again. Nothing was submitted.':
    'Atebwch neu cywirwch y cwestiynau a restrir, yna cyflwynwch eto. Ni chyflwynwyd dim.',
  'Some answers are not valid': 'Nid yw rhai atebion yn ddilys',
  'Some answers are read-only and cannot be changed': 'Mae rhai atebion i’w darllen yn unig ac ni ellir eu newid',
  'Some answers are for questions that are not on this form': 'Mae rhai atebion ar gyfer cwestiynau nad ydynt ar y ffurflen hon',
  'Nothing was saved.': 'Ni chadwyd dim.',
  'There is no such page on this form': 'Nid oes tudalen o’r fath ar y ffurflen hon',
  'This form does not take attachments': 'Nid yw’r ffurflen hon yn derbyn atodiadau',
  'This task has the most attachments allowed': 'Mae gan y dasg hon yr uchafswm o atodiadau a ganiateir',
  'The file is too large': 'Mae’r ffeil yn rhy fawr',
  'Too many files are being uploaded right now': 'Mae gormod o ffeiliau’n cael eu llwytho i fyny ar hyn o bryd',
  'The file was not saved. Try again in a few seconds.': 'Ni chadwyd y ffeil. Rhowch gynnig arall arni ymhen ychydig eiliadau.',
  'The file type is not accepted': 'Ni dderbynnir y math hwn o ffeil',
  'Attach a PDF, Word document (.doc or .docx), JPEG or PNG file.':
    'Atodwch ffeil PDF, dogfen Word (.doc neu .docx), JPEG neu PNG.',
  'The file’s content does not match its name. Attach a PDF, Word document (.doc or .docx), JPEG or PNG file.':
    'Nid yw cynnwys y ffeil yn cyfateb i’w henw. Atodwch ffeil PDF, dogfen Word (.doc neu .docx), JPEG neu PNG.',
  'The file is not a Word document. Attach a PDF, Word document (.doc or .docx), JPEG or PNG file.':
    'Nid dogfen Word yw’r ffeil. Atodwch ffeil PDF, dogfen Word (.doc neu .docx), JPEG neu PNG.',
  'The Word document unpacks to far more than its size, so it cannot be accepted.':
    'Mae’r ddogfen Word yn dadbacio i lawer mwy na’i maint, felly ni ellir ei derbyn.',
  'The Word document is damaged or not a real .docx file.': 'Mae’r ddogfen Word wedi’i difrodi neu nid yw’n ffeil .docx go iawn.',
  'The Word document has too many parts to be a real document.':
    'Mae gan y ddogfen Word ormod o rannau i fod yn ddogfen go iawn.',
  'The file contains a virus': 'Mae firws yn y ffeil',
  'The file was not saved. Check it with your IT support before trying again.':
    'Ni chadwyd y ffeil. Gofynnwch i’ch cymorth TG ei gwirio cyn rhoi cynnig arall arni.',
  'Files cannot be checked for viruses right now': 'Ni ellir gwirio ffeiliau am firysau ar hyn o bryd',
  'The file was not saved. Try again in a few minutes.': 'Ni chadwyd y ffeil. Rhowch gynnig arall arni ymhen ychydig funudau.',
  'Files cannot be stored or read right now': 'Ni ellir cadw na darllen ffeiliau ar hyn o bryd',
  'Nothing you saved is lost. Try again in a few minutes.':
    'Nid oes dim a gadwoch wedi’i golli. Rhowch gynnig arall arni ymhen ychydig funudau.',
  'Someone has already picked this task up': 'Mae rhywun eisoes wedi codi’r dasg hon',
  'This task was not sent to a work group': 'Ni anfonwyd y dasg hon at grŵp gwaith',
  'Only work group tasks can be picked up.': 'Dim ond tasgau grŵp gwaith y gellir eu codi.',
  'The task cannot be re-assigned there': 'Ni ellir ailbennu’r dasg yno',
  'Choose one of your work groups or a member of one of them.': 'Dewiswch un o’ch grwpiau gwaith neu aelod o un ohonynt.',
  'Choose someone with an active account.': 'Dewiswch rywun sydd â chyfrif gweithredol.',
  'An admin cannot take a task for their own account unless they belong to its work group.':
    'Ni all gweinyddwr gymryd tasg i’w gyfrif ei hun oni bai ei fod yn perthyn i’w grŵp gwaith.',
  'This form was not sent to you for review': 'Ni anfonwyd y ffurflen hon atoch i’w hadolygu',
  'The form cannot be sent there for review': 'Ni ellir anfon y ffurflen yno i’w hadolygu',
  'Choose a colleague from the work group this form came through.':
    'Dewiswch gydweithiwr o’r grŵp gwaith y daeth y ffurflen hon drwyddo.',
  'Only a form that came through a work group can be sent for review.':
    'Dim ond ffurflen a ddaeth drwy grŵp gwaith y gellir ei hanfon i’w hadolygu.',
  'Say why the task is being returned': 'Dywedwch pam mae’r dasg yn cael ei dychwelyd',
  'A comment is needed when the reason is "other".': 'Mae angen sylw pan mai “arall” yw’r rheswm.',
  'The text is too long': 'Mae’r testun yn rhy hir',
  'The message is empty': 'Mae’r neges yn wag',
  'Write a message before sending it.': 'Ysgrifennwch neges cyn ei hanfon.',
  'This submitted form is no longer available': 'Nid yw’r ffurflen a gyflwynwyd hon ar gael mwyach',
  'Submitted forms can be downloaded for 30 days after submission. After that the portal deletes them.':
    'Gellir lawrlwytho ffurflenni a gyflwynwyd am 30 diwrnod ar ôl eu cyflwyno. Ar ôl hynny mae’r porth yn eu dileu.',
  'That person is not a member of this work group.': 'Nid yw’r person hwnnw’n aelod o’r grŵp gwaith hwn.',
  // Administration
  'Only a failed item can be sent again': 'Dim ond eitem a fethodd y gellir ei hanfon eto',
  'Only a failed delivery can be retried': 'Dim ond danfoniad a fethodd y gellir rhoi cynnig arall arno',
  'Pending deliveries are retried automatically; delivered ones are done.':
    'Rhoddir cynnig arall ar ddanfoniadau sy’n aros yn awtomatig; mae’r rhai a ddanfonwyd wedi’u cwblhau.',
  'A work group with this key already exists': 'Mae grŵp gwaith gyda’r allwedd hon eisoes yn bodoli',
  'This work group still holds tasks': 'Mae tasgau yn y grŵp gwaith hwn o hyd',
  'Re-assign or wait for its tasks to be picked up before deleting it.':
    'Ailbennwch ei dasgau neu arhoswch iddynt gael eu codi cyn ei ddileu.',
  'The work group details are not valid': 'Nid yw manylion y grŵp gwaith yn ddilys',
  'The assignee’s account is disabled': 'Mae cyfrif y sawl a bennwyd wedi’i analluogi',
  // The case system's API and the HTTP layer
  'The form definition is not valid': 'Nid yw diffiniad y ffurflen yn ddilys',
  'This form version is already published with different content':
    'Mae’r fersiwn hon o’r ffurflen eisoes wedi’i chyhoeddi gyda chynnwys gwahanol',
  'The request address or headers are too large': 'Mae cyfeiriad neu benawdau’r cais yn rhy fawr',
  'The request took too long to arrive': 'Cymerodd y cais ormod o amser i gyrraedd',
  'The request is not valid HTTP': 'Nid yw’r cais yn HTTP dilys',
  'The change is not valid': 'Nid yw’r newid yn ddilys',
  'This externalRef is already used': 'Mae’r externalRef hwn eisoes yn cael ei ddefnyddio',
  'The delegation is not valid': 'Nid yw’r dirprwyo yn ddilys',
  'This form version has not been published': 'Nid yw’r fersiwn hon o’r ffurflen wedi’i chyhoeddi',
  'Prefill is only for read-only questions of this form':
    'Dim ond ar gyfer cwestiynau darllen-yn-unig y ffurflen hon y mae rhag-lenwi',
  'There is no such work group': 'Nid oes grŵp gwaith o’r fath',
  'The assignee email address is not valid': 'Nid yw cyfeiriad e-bost y sawl a bennwyd yn ddilys',
};

/** Texts with a value in them: the English as a pattern, the Welsh with `$1`… for the values. */
export const WELSH_PROBLEM_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/^Wait (\d+) seconds before asking for another code\.$/, 'Arhoswch $1 eiliad cyn gofyn am god arall.'],
  [/^Your password must be at least (\d+) characters long\.$/, 'Rhaid i’ch cyfrinair fod yn $1 nod o leiaf.'],
  [/^Your password must be (\d+) characters or fewer\.$/, 'Rhaid i’ch cyfrinair fod yn $1 nod neu lai.'],
  [/^No page has the id "(.*)"\.$/s, 'Nid oes gan unrhyw dudalen yr id "$1".'],
  [
    /^A task can have at most (\d+) attachments\. Remove one to add another\.$/,
    'Gall tasg gael $1 atodiad ar y mwyaf. Tynnwch un i ychwanegu un arall.',
  ],
  [/^Files must be (\d+) MB or smaller\.$/, 'Rhaid i ffeiliau fod yn $1 MB neu lai.'],
  [/^(\w+) can be at most (\d+) characters\.$/, 'Gall $1 fod yn $2 nod ar y mwyaf.'],
  [/^Publish version (\d+) of "(.*)" before delegating it\.$/s, 'Cyhoeddwch fersiwn $1 o "$2" cyn ei dirprwyo.'],
  [
    /^Version (\d+) of "(.*)" is immutable\. Publish the change as a new version\.$/s,
    'Ni ellir newid fersiwn $1 o "$2". Cyhoeddwch y newid fel fersiwn newydd.',
  ],
  [/^No work group has the key "(.*)"\.$/s, 'Nid oes gan unrhyw grŵp gwaith yr allwedd "$1".'],
  [
    /^Try again later\. If it keeps happening, quote this reference: (.*)$/s,
    'Rhowch gynnig arall arni yn nes ymlaen. Os yw’n dal i ddigwydd, dyfynnwch y cyfeirnod hwn: $1',
  ],
];
