import { keyFromMessage } from './mongo-errors';

describe('keyFromMessage (the key of an E11000 message, which the driver keeps for bulk writes)', () => {
  it.each([
    ['E11000 duplicate key error collection: complaints.journal index: _id_ dup key: { _id: "c-1" }', { _id: 'c-1' }],
    ['E11000 duplicate key error collection: c.j index: registerNumber_1 dup key: { registerNumber: null }', { registerNumber: null }],
    ['E11000 duplicate key error collection: c.j index: by_period dup key: { period.month: "2025-02", category: "a, b \\"c\\"", n: 2 }', { 'period.month': '2025-02', category: 'a, b "c"', n: 2 }],
    ['E11000 duplicate key error collection: c.j index: oid_1 dup key: { oid: ObjectId(\'65a1b2c3d4e5f60718293a4b\') }', { oid: "ObjectId('65a1b2c3d4e5f60718293a4b')" }],
    ['some other error', {}],
  ])('%s', (message, key) => {
    expect(keyFromMessage(message)).toEqual(key);
  });
});
