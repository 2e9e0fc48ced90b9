/**
 * The journal export's column headers in the workspace's languages (`?lang=`). Without `lang` the
 * export keeps its stable machine names (journal-csv.ts), which scripts depend on.
 */
export const CSV_HEADER_LANGUAGES = ['en', 'bg', 'ru', 'ar', 'hy'] as const;
export type CsvHeaderLanguage = (typeof CSV_HEADER_LANGUAGES)[number];

type Labels = readonly [en: string, bg: string, ru: string, ar: string, hy: string];

// One row per column, in the languages' order above. A column missing here fails the type check.
export const CSV_HEADER_LABELS = {
  registerNumber: ['Register number', 'Регистров номер', 'Регистрационный номер', 'رقم السجل', 'Գրանցման համար'],
  complaintId: ['Complaint ID', 'Идентификатор на жалбата', 'Идентификатор жалобы', 'معرّف الشكوى', 'Բողոքի նույնացուցիչ'],
  status: ['Status', 'Състояние', 'Статус', 'الحالة', 'Կարգավիճակ'],
  receivedAt: ['Received', 'Получена', 'Получена', 'تاريخ الاستلام', 'Ստացվել է'],
  channel: ['Channel', 'Канал', 'Канал', 'القناة', 'Ալիք'],
  takenBy: ['Taken by', 'Приета от', 'Принята', 'استلمها', 'Ընդունել է'],
  registeredAt: ['Registered', 'Регистрирана', 'Зарегистрирована', 'تاريخ التسجيل', 'Գրանցվել է'],
  complainantName: ['Complainant', 'Жалбоподател', 'Заявитель', 'مقدّم الشكوى', 'Բողոքատու'],
  complainantKind: ['Complainant kind', 'Вид жалбоподател', 'Тип заявителя', 'نوع مقدّم الشكوى', 'Բողոքատուի տեսակ'],
  complainantEmail: ['E-mail', 'Имейл', 'Эл. почта', 'البريد الإلكتروني', 'Էլ. փոստ'],
  complainantPhone: ['Phone', 'Телефон', 'Телефон', 'الهاتف', 'Հեռախոս'],
  complainantPostalAddress: ['Postal address', 'Пощенски адрес', 'Почтовый адрес', 'العنوان البريدي', 'Փոստային հասցե'],
  productOrService: ['Product or service', 'Продукт или услуга', 'Товар или услуга', 'المنتج أو الخدمة', 'Ապրանք կամ ծառայություն'],
  sku: ['SKU', 'Артикулен номер', 'Артикул', 'رمز الصنف', 'Ապրանքային կոդ'],
  lotNumber: ['Lot number', 'Партида', 'Номер партии', 'رقم الدفعة', 'Խմբաքանակի համար'],
  serialNumber: ['Serial number', 'Сериен номер', 'Серийный номер', 'الرقم التسلسلي', 'Սերիական համար'],
  orderReference: ['Order reference', 'Номер на поръчка', 'Номер заказа', 'مرجع الطلب', 'Պատվերի համար'],
  category: ['Category', 'Категория', 'Категория', 'الفئة', 'Կատեգորիա'],
  categoryCatalogueVersion: ['Category catalogue version', 'Версия на каталога с категории', 'Версия каталога категорий', 'إصدار دليل الفئات', 'Կատեգորիաների ցանկի տարբերակ'],
  severity: ['Severity', 'Тежест', 'Серьёзность', 'الخطورة', 'Լրջություն'],
  description: ['Description', 'Описание', 'Описание', 'الوصف', 'Նկարագրություն'],
  desiredRemedy: ['Desired remedy', 'Желано обезщетение', 'Требование заявителя', 'المعالجة المطلوبة', 'Ցանկալի լուծում'],
  documents: ['Documents', 'Документи', 'Документы', 'المستندات', 'Փաստաթղթեր'],
  primaryResponse: ['Primary response', 'Първоначален отговор', 'Первичный ответ', 'الرد الأولي', 'Առաջնային պատասխան'],
  resolvedOnTheSpot: ['Resolved on the spot', 'Решена на място', 'Решена на месте', 'حُلّت في الحال', 'Լուծվել է տեղում'],
  responsibleOfficer: ['Responsible officer', 'Отговорно лице', 'Ответственный', 'المسؤول', 'Պատասխանատու'],
  registrationDueAt: ['Registration due', 'Срок за регистрация', 'Срок регистрации', 'موعد التسجيل', 'Գրանցման ժամկետ'],
  registrationMet: ['Registration on time', 'Регистрирана в срок', 'Зарегистрирована в срок', 'سُجّلت في الموعد', 'Գրանցվել է ժամանակին'],
  answerDueAt: ['Answer due', 'Срок за отговор', 'Срок ответа', 'موعد الرد', 'Պատասխանի ժամկետ'],
  answerMet: ['Answered on time', 'Отговорена в срок', 'Ответ в срок', 'رُدّ عليها في الموعد', 'Պատասխանվել է ժամանակին'],
  followUpDueAt: ['Follow-up due', 'Срок за проследяване', 'Срок повторного контакта', 'موعد المتابعة', 'Հետագա կապի ժամկետ'],
  followUpMet: ['Follow-up on time', 'Проследена в срок', 'Повторный контакт в срок', 'المتابعة في الموعد', 'Հետագա կապը ժամանակին'],
  investigationOutcome: ['Investigation outcome', 'Резултат от проверката', 'Итог расследования', 'نتيجة التحقيق', 'Ուսումնասիրության արդյունք'],
  verdict: ['Verdict', 'Заключение', 'Вывод', 'الحكم', 'Եզրակացություն'],
  findings: ['Findings', 'Констатации', 'Выводы проверки', 'النتائج', 'Բացահայտումներ'],
  rootCause: ['Root cause', 'Първопричина', 'Первопричина', 'السبب الجذري', 'Արմատական պատճառ'],
  responsibleParty: ['Responsible party', 'Отговорна страна', 'Ответственная сторона', 'الطرف المسؤول', 'Պատասխանատու կողմ'],
  correctiveAction: ['Corrective action', 'Коригиращо действие', 'Корректирующее действие', 'الإجراء التصحيحي', 'Ուղղիչ գործողություն'],
  investigationWaivedReason: ['Investigation waived because', 'Причина да не се проверява', 'Причина отказа от расследования', 'سبب عدم التحقيق', 'Չուսումնասիրելու պատճառ'],
  investigatedBy: ['Investigated by', 'Проверена от', 'Расследовал', 'حقّق فيها', 'Ուսումնասիրել է'],
  answeredAt: ['Answered', 'Отговорена', 'Дан ответ', 'تاريخ الرد', 'Պատասխանվել է'],
  answerChannel: ['Answer channel', 'Канал на отговора', 'Канал ответа', 'قناة الرد', 'Պատասխանի ալիք'],
  answerSummary: ['Answer summary', 'Резюме на отговора', 'Краткое содержание ответа', 'ملخص الرد', 'Պատասխանի ամփոփում'],
  answerSignedBy: ['Answer signed by', 'Отговорът е подписан от', 'Ответ подписал', 'وقّع الرد', 'Պատասխանը ստորագրել է'],
  compensationTotals: ['Compensation totals', 'Обезщетения общо', 'Итого компенсаций', 'إجمالي التعويضات', 'Փոխհատուցումների ընդհանուր գումար'],
  compensations: ['Compensations', 'Обезщетения', 'Компенсации', 'التعويضات', 'Փոխհատուցումներ'],
  followUpContactedAt: ['Follow-up contact', 'Проследяващ контакт', 'Повторный контакт', 'تاريخ المتابعة', 'Հետագա կապ'],
  problemSolved: ['Problem solved', 'Проблемът е решен', 'Проблема решена', 'حُلّت المشكلة', 'Խնդիրը լուծված է'],
  satisfaction: ['Satisfaction', 'Удовлетвореност', 'Удовлетворённость', 'الرضا', 'Գոհունակություն'],
  followUpComment: ['Follow-up comment', 'Коментар при проследяване', 'Комментарий к контакту', 'تعليق المتابعة', 'Հետագա կապի մեկնաբանություն'],
  closedAt: ['Closed', 'Приключена', 'Закрыта', 'تاريخ الإغلاق', 'Փակվել է'],
  withdrawnAt: ['Withdrawn', 'Оттеглена', 'Отозвана', 'تاريخ السحب', 'Հետ է կանչվել'],
  reopenedCount: ['Times reopened', 'Брой повторни отваряния', 'Сколько раз открыта повторно', 'مرات إعادة الفتح', 'Վերաբացումների քանակ'],
  revision: ['Revision', 'Ревизия', 'Ревизия', 'المراجعة', 'Տարբերակ'],
  lastEventAt: ['Last event', 'Последно събитие', 'Последнее событие', 'آخر حدث', 'Վերջին իրադարձություն'],
  voidedAt: ['Number voided', 'Номерът е анулиран', 'Номер аннулирован', 'تاريخ إلغاء الرقم', 'Համարը չեղարկվել է'],
  voidReason: ['Reason the number was voided', 'Причина за анулиране на номера', 'Причина аннулирования номера', 'سبب إلغاء الرقم', 'Համարի չեղարկման պատճառ'],
} as const satisfies Record<string, Labels>;

export const headersIn = (columns: readonly (keyof typeof CSV_HEADER_LABELS)[], language: CsvHeaderLanguage): string[] =>
  columns.map((column) => CSV_HEADER_LABELS[column][CSV_HEADER_LANGUAGES.indexOf(language)]);
