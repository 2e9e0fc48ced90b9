// The world the generated complaints happen in: branches, people, products, texts and how often each occurs.
import { Actor, AnswerChannel, Channel, CompensationKind, ResponsibleParty, Severity, Verdict } from '../../index';
import { Random } from './random';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface Branch {
  key: string;
  weight: number;
  currency: (at: number) => string;
  /** Major units of a typical refund. */
  amount: readonly [number, number];
  firstNames: readonly string[];
  lastNames: readonly string[];
  organisations: readonly string[];
  city: string;
  phone: (random: Random) => string;
}

// Bulgaria adopted the euro on 1 January 2026: refunds there are in BGN before, EUR after.
export const EURO_IN_BULGARIA = Date.parse('2026-01-01T00:00:00.000Z');

export const BRANCHES: readonly Branch[] = [
  {
    key: 'bg',
    weight: 40,
    currency: (at) => (at < EURO_IN_BULGARIA ? 'BGN' : 'EUR'),
    amount: [10, 1200],
    firstNames: ['Мария', 'Иван', 'Георги', 'Елена', 'Петя', 'Димитър', 'Николай', 'Десислава', 'Стефан', 'Радка'],
    lastNames: ['Иванова', 'Петров', 'Георгиева', 'Димитров', 'Стоянова', 'Николов', 'Колева', 'Тодоров'],
    organisations: ['Хотел Рила ЕООД', 'Зелен Път ООД', 'Детска градина „Слънце“', 'Автосервиз Мотор АД'],
    city: 'Sofia, Bulgaria',
    phone: (r) => `+359 88 ${r.integer(100, 999)} ${r.integer(1000, 9999)}`,
  },
  {
    key: 'am',
    weight: 15,
    currency: () => 'AMD',
    amount: [2_000, 250_000],
    firstNames: ['Անի', 'Արամ', 'Գայանե', 'Տիգրան', 'Նարինե', 'Հայկ', 'Լիլիթ'],
    lastNames: ['Սարգսյան', 'Պետրոսյան', 'Հակոբյան', 'Գրիգորյան', 'Մկրտչյան'],
    organisations: ['Արարատ ՍՊԸ', 'Yerevan Print LLC'],
    city: 'Yerevan, Armenia',
    phone: (r) => `+374 91 ${r.integer(100000, 999999)}`,
  },
  {
    key: 'ru',
    weight: 15,
    currency: () => 'RUB',
    amount: [500, 60_000],
    firstNames: ['Ольга', 'Сергей', 'Анна', 'Алексей', 'Татьяна', 'Дмитрий', 'Екатерина'],
    lastNames: ['Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Лебедева', 'Морозов'],
    organisations: ['ООО «Северный ветер»', 'АО «Волга-Логистика»'],
    city: 'Moscow, Russia',
    phone: (r) => `+7 916 ${r.integer(100, 999)}-${r.integer(10, 99)}-${r.integer(10, 99)}`,
  },
  {
    key: 'ae',
    weight: 8,
    currency: () => 'AED',
    amount: [20, 2_500],
    firstNames: ['فاطمة', 'أحمد', 'مريم', 'خالد', 'ليلى', 'يوسف'],
    lastNames: ['الحداد', 'المنصوري', 'الشامسي', 'النعيمي'],
    organisations: ['مؤسسة النور للتجارة', 'Gulf Catering LLC'],
    city: 'Dubai, United Arab Emirates',
    phone: (r) => `+971 50 ${r.integer(100, 999)} ${r.integer(1000, 9999)}`,
  },
  {
    key: 'eu',
    weight: 12,
    currency: () => 'EUR',
    amount: [5, 600],
    firstNames: ['Anna', 'Lukas', 'Sophie', 'Jonas', 'Marie', 'Paul', 'Clara'],
    lastNames: ['Müller', 'Schmidt', 'Weber', 'Fischer', 'Wagner', 'Becker'],
    organisations: ['Café Central GmbH', 'Stadtwerke Nord AG'],
    city: 'Vienna, Austria',
    phone: (r) => `+43 660 ${r.integer(1000000, 9999999)}`,
  },
  {
    key: 'us',
    weight: 10,
    currency: () => 'USD',
    amount: [5, 700],
    firstNames: ['Emily', 'James', 'Olivia', 'Michael', 'Sarah', 'David'],
    lastNames: ['Johnson', 'Brown', 'Miller', 'Davis', 'Garcia', 'Wilson'],
    organisations: ['Riverside Dental LLC', 'Blue Harbor Inc.'],
    city: 'Boston, USA',
    phone: (r) => `+1 617 ${r.integer(200, 999)} ${r.integer(1000, 9999)}`,
  },
];

export const CLERKS: readonly Actor[] = ['clerk-anna', 'clerk-boris', 'clerk-gayane', 'clerk-olga', 'clerk-samir'].map((id) => ({ id, role: 'intake-clerk' }));
export const OFFICERS: readonly Actor[] = ['officer-petrov', 'officer-georgieva', 'officer-haddad', 'officer-petrosyan', 'officer-smirnova', 'officer-weber'].map(
  (id) => ({ id, role: 'quality-officer' }),
);
export const MANAGERS: readonly Actor[] = ['manager-dimitrova', 'manager-koleva', 'director-sargsyan'].map((id) => ({ id, role: 'manager' }));

export type CategoryKey = 'staff-conduct' | 'organisation' | 'product-quality' | 'delivery' | 'other';

export interface CategoryWorld {
  weight: number;
  products: readonly string[];
  descriptions: readonly string[];
  causes: ReadonlyArray<readonly [rootCause: string, party: ResponsibleParty, correctiveAction: string]>;
  remedies: readonly string[];
}

/** A root-cause code of the default taxonomy per responsible party, so reports can break down by code (issue 14). */
export const ROOT_CAUSE_CODE_OF: Record<ResponsibleParty, string> = {
  staff: 'staff-error',
  process: 'process-gap',
  supplier: 'supplier-defect',
  customer: 'no-fault-found',
  external: 'delivery-delay',
};

export const WORLD: Record<CategoryKey, CategoryWorld> = {
  'product-quality': {
    weight: 38,
    products: ['Espresso machine EM-200', 'Washing machine WM-300', 'Coffee grinder CG-2', 'Kettle K-17', 'Vacuum cleaner VC-9', 'Yoghurt 2% 400 g', 'Winter jacket WJ-5'],
    descriptions: [
      'The machine stopped heating after two weeks of use.',
      'Отоплението на уреда спря след две седмици.',
      'Water leaks from under the door during the spin cycle.',
      'The product was past its expiry date when I bought it.',
      'The seam tore open after the first wash.',
      'The motor makes a grinding noise and smells of burning.',
      'The display shows error E4 and the appliance will not start.',
    ],
    causes: [
      ['Defective heating elements in supplier batch B-17', 'supplier', 'Quarantine batch B-17 and inspect incoming lots'],
      ['Door seal fitted wrongly at assembly', 'process', 'Add a seal check to the final inspection'],
      ['Expired goods left on the shelf', 'staff', 'Daily expiry check at opening'],
      ['Product used against the instructions', 'customer', 'Clearer warning in the manual'],
      ['Thread of poor quality from a new supplier', 'supplier', 'Return to the previous supplier'],
    ],
    remedies: ['Replacement', 'Full refund', 'Repair under warranty'],
  },
  delivery: {
    weight: 24,
    products: ['Home delivery', 'Parcel delivery', 'Furniture delivery and assembly', 'Express courier'],
    descriptions: [
      'A parcel promised in 24 hours arrived after five days.',
      'The courier left the parcel outside in the rain.',
      'Куриерът остави пратката пред вратата в дъжда.',
      'The delivery was cancelled twice without notice.',
      'Two items of the order were missing from the delivery.',
      'The sofa arrived scratched and the assembly was not done.',
    ],
    causes: [
      ['Courier missed the promised delivery window', 'external', 'Change of courier for the region'],
      ['Warehouse picked the order incompletely', 'process', 'Scan every item at packing'],
      ['Route planning did not account for the holiday', 'process', 'Holiday calendar in route planning'],
      ['Address given incompletely by the customer', 'customer', 'Validate addresses at checkout'],
    ],
    remedies: ['Refund of the delivery fee', 'Deliver the missing items', 'Compensation for the delay'],
  },
  'staff-conduct': {
    weight: 15,
    products: ['Store visit', 'Call centre', 'Branch office service', 'Reception desk'],
    descriptions: [
      'The cashier was rude and refused to call a manager.',
      'Nobody answered my questions and the staff ignored me.',
      'The consultant gave me wrong information about the warranty.',
      'I was kept waiting on the phone for forty minutes.',
    ],
    causes: [
      ['Cashier was rude to the customer', 'staff', 'Customer-service training for the shift'],
      ['New employee not yet trained on warranty terms', 'staff', 'Induction training before serving customers'],
      ['Too few staff on the shift', 'process', 'Rota adjusted to peak hours'],
      ['The customer misunderstood the answer', 'customer', 'Written summary after each call'],
    ],
    remedies: ['An apology', 'Talk to the manager', 'Correct information in writing'],
  },
  organisation: {
    weight: 13,
    products: ['Store 12', 'Online shop', 'Parking at the shopping centre', 'Opening hours'],
    descriptions: [
      'The store has no ramp, so I could not enter with a wheelchair.',
      'The online shop charged my card twice.',
      'The advertised product was never in stock.',
      'The parking barrier was broken and I was charged for a full day.',
    ],
    causes: [
      ['Payment gateway retried a timed-out payment', 'external', 'Idempotent payment requests'],
      ['Stock levels in the shop not synchronised', 'process', 'Hourly stock synchronisation'],
      ['Equipment not maintained', 'process', 'Maintenance contract with response times'],
      ['Building owner refused the ramp', 'external', 'Portable ramp at the entrance'],
    ],
    remedies: ['Refund the double charge', 'Fix the access', 'Notify me when in stock'],
  },
  other: {
    weight: 10,
    products: ['Loyalty programme', 'Gift card', 'Newsletter', 'Website'],
    descriptions: [
      'My loyalty points disappeared from my account.',
      'The gift card was refused at the till.',
      'I keep receiving the newsletter after unsubscribing.',
    ],
    causes: [
      ['Loyalty points expired under the programme rules', 'customer', 'Remind members before points expire'],
      ['Gift card not activated at sale', 'staff', 'Activation check at the till'],
      ['Unsubscribe list not synchronised with the mailing tool', 'process', 'Daily synchronisation of the list'],
    ],
    remedies: ['Restore the points', 'Accept the gift card', 'Stop the e-mails'],
  },
};

export const CATEGORIES = Object.keys(WORLD) as CategoryKey[];
export const CATEGORY_WEIGHTS = CATEGORIES.map((key) => [key, WORLD[key].weight] as const);

export const CHANNEL_WEIGHTS: ReadonlyArray<readonly [Channel, number]> = [
  ['email', 24],
  ['web-form', 20],
  ['phone', 20],
  ['in-person', 15],
  ['social-media', 8],
  ['letter', 7],
  ['complaint-book', 6],
];
export const SEVERITY_WEIGHTS: ReadonlyArray<readonly [Severity, number]> = [
  ['low', 30],
  ['medium', 44],
  ['high', 20],
  ['critical', 6],
];
export const VERDICT_WEIGHTS: ReadonlyArray<readonly [Verdict, number]> = [
  ['founded', 50],
  ['partly-founded', 25],
  ['unfounded', 25],
];
export const ANSWER_CHANNEL_WEIGHTS: ReadonlyArray<readonly [AnswerChannel, number]> = [
  ['email', 40],
  ['letter', 25],
  ['phone', 20],
  ['in-person', 8],
  ['web-form', 4],
  ['social-media', 3],
];
export const COMPENSATION_WEIGHTS: ReadonlyArray<readonly [CompensationKind, number]> = [
  ['refund', 28],
  ['apology', 20],
  ['voucher', 14],
  ['replacement', 10],
  ['repair', 8],
  ['price-difference', 6],
  ['discount', 6],
  ['free-service', 4],
  ['gift', 3],
  ['other', 1],
];
export const MONETARY: ReadonlySet<CompensationKind> = new Set(['refund', 'price-difference', 'voucher']);

export const PRIMARY_RESPONSES = [
  'Apologised and promised a written answer within ten days.',
  'Thanked the customer, took a copy of the receipt and explained the next steps.',
  'Apologised; the item was taken in for inspection.',
  'Explained the complaint procedure and gave the register contact.',
];
export const WITHDRAWAL_REASONS = [
  'The customer no longer wishes to pursue it.',
  'The customer settled the matter with the seller directly.',
  'Filed by mistake: the customer confused us with another shop.',
];
export const REOPEN_REASONS = [
  'The problem came back after the repair.',
  'The customer did not receive the promised refund.',
  'New facts: the same defect in a second unit.',
];
export const EXTENSION_REASONS = ['Waiting for the supplier’s laboratory report.', 'The courier company has not answered yet.', 'An expert inspection is needed.'];
export const REASSIGN_REASONS = ['Workload balancing.', 'The officer is on leave.', 'Escalated to a senior officer.', 'Needs product expertise.'];
export const WAIVER_REASONS = [
  'A known defect of the batch, already investigated under an earlier complaint.',
  'The facts are undisputed; no investigation is needed.',
  'Duplicate of an earlier complaint of the same customer.',
];
export const FOLLOW_UP_COMMENTS = ['Happy with the outcome.', 'It took too long.', 'Works fine now, thank you.', 'Still not satisfied.', 'Staff were very polite this time.'];
