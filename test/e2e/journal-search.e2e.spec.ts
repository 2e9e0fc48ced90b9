import { FakeClock, MINUTE } from '../support/fake-clock';
import { aComplaintBody, clerk } from '../support/requests';
import { startTestApp, TestApp } from '../support/test-app';

// `q` in the languages of the seeds: a literal substring, case-insensitive in every script (the
// journal's text and the searched words are lower-cased with Unicode's rules; the embedded store
// finds them through FTS5 trigrams).
describe('searching the journal (q) in Cyrillic, Arabic, Armenian and Latin', () => {
  let t: TestApp;
  const clock = new FakeClock('2026-11-16T09:00:00.000Z');
  const ids: Record<string, string> = {};
  let position = '0';

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const descriptions: Record<string, string> = {
      russian: 'Отопление в квартире не работает с понедельника.',
      bulgarian: 'Парното ОТОПЛЕНИЕ спря след ремонта.',
      arabic: 'التدفئة لا تعمل منذ يوم الاثنين.',
      armenian: 'Ջեռուցումը չի աշխատում արդեն երկու շաբաթ։',
      english: 'The Heating stopped after two weeks.',
      unrelated: 'The parcel came five days late.',
    };
    for (const [name, description] of Object.entries(descriptions)) {
      const response = await t.http.post('/complaints').set(clerk).send(aComplaintBody({ description })).expect(201);
      ids[name] = response.body.complaintId;
      position = response.body.position;
      clock.advance(MINUTE);
    }
  });
  afterAll(() => t.close());

  it.each([
    ['отопление', ['bulgarian', 'russian']],
    ['ОТОПЛЕНИЕ', ['bulgarian', 'russian']],
    ['топлен', ['bulgarian', 'russian']],
    ['التدفئة', ['arabic']],
    ['ջեռուցում', ['armenian']],
    ['ՋԵՌՈՒՑՈՒՄ', ['armenian']],
    ['heating', ['english']],
    ['HEATING', ['english']],
    ['two weeks', ['english']],
    ['от', ['bulgarian', 'russian']], // shorter than a trigram: still found, by reading every text
    ['отоплениеx', []],
  ])('finds %j in the complaints that contain it', async (q, expected) => {
    const page = await t.http.get('/complaints').query({ q, minPosition: position }).expect(200);
    const found = page.body.items.map((row: { complaintId: string }) => Object.keys(ids).find((name) => ids[name] === row.complaintId)).sort();
    expect({ q, found, total: page.body.total }).toEqual({ q, found: [...expected].sort(), total: expected.length });
  });
});
