// The API's vocabularies (libs/domain/src/shared/vocabulary.ts), which the forms offer.
export const CHANNELS = ['in-person', 'phone', 'email', 'letter', 'web-form', 'social-media', 'complaint-book'] as const;
export const ANSWER_CHANNELS = ['in-person', 'phone', 'email', 'letter', 'web-form', 'social-media'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const VERDICTS = ['founded', 'partly-founded', 'unfounded'] as const;
export const RESPONSIBLE_PARTIES = ['staff', 'process', 'supplier', 'customer', 'external'] as const;
export const COMPENSATION_KINDS = ['apology', 'refund', 'replacement', 'repair', 'price-difference', 'discount', 'voucher', 'free-service', 'gift', 'other'] as const;
export const MONETARY_COMPENSATION_KINDS: readonly string[] = ['refund', 'price-difference', 'voucher'];
export const STATUSES = ['received', 'registered', 'investigated', 'answered', 'followed-up', 'closed', 'reopened', 'withdrawn'] as const;
export const JOURNAL_SORTS = ['-receivedAt', 'receivedAt', 'registerNumber', '-registerNumber', 'nextDueAt', '-lastEventAt'] as const;
export const SIGNATURE_MEANINGS = ['approval', 'authorship', 'review'] as const;
export const CONTACT_KINDS = ['acknowledgement', 'progress-update', 'request-for-information', 'holding-letter', 'final-response'] as const;
export const EXTERNAL_BODIES = ['ombudsman', 'regulator', 'court', 'other'] as const;
