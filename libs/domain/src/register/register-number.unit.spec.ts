import {
  decideReservation,
  decideSweep,
  voidedNumbersOf,
  formatRegisterNumber,
  isRegisterNumber,
  OpenReservation,
  RegisterEvent,
  registerStreamId,
  registerYearFromTail,
  ReservationDecision,
  ReservationOutcome,
} from './register-number';

const NOW = new Date('2026-03-02T14:00:00.000Z');

/** An open reservation of the 2026 register, made by complaint `complaint-<sequence>` unless told otherwise. */
const aReservation = (sequence: number, overrides: Partial<OpenReservation> = {}): OpenReservation => ({
  registerNumber: formatRegisterNumber(2026, sequence),
  sequence,
  complaintId: `complaint-${sequence}`,
  commandId: `command-${sequence}`,
  reservedAt: '2026-03-02T09:00:00.000Z',
  ...overrides,
});

const appended = (decision: ReservationDecision): RegisterEvent[] => {
  if (decision.kind !== 'append') throw new Error(`Expected an append to the register, got ${decision.kind}.`);
  return decision.events;
};

const outcomes = (entries: Array<[number, ReservationOutcome]> = []) => new Map(entries);

describe('register numbers', () => {
  it.each([
    [2026, 1, '2026-000001'],
    [2026, 42, '2026-000042'],
    [2027, 123_456, '2027-123456'],
    [2026, 999_999, '2026-999999'],
  ])('formats year %i, sequence %i as %s', (year, sequence, registerNumber) => {
    expect(formatRegisterNumber(year, sequence)).toBe(registerNumber);
    expect(isRegisterNumber(registerNumber)).toBe(true);
  });

  it.each(['', '42', '2026-42', '26-000042', '2026-0000042', '2026/000042', '2026-00004a', ' 2026-000042'])(
    'does not take %p for a register number',
    (value) => expect(isRegisterNumber(value)).toBe(false),
  );

  it('keeps the register of each year in its own stream', () => {
    expect(registerStreamId(2026)).toBe('register-2026');
  });
});

describe('the register year, from the tail of its stream', () => {
  it('is empty before the first reservation', () => {
    expect(registerYearFromTail(2026)).toStrictEqual({ year: 2026, lastSequence: 0, openReservations: [] });
  });

  it('after a reservation: its sequence is the last one handed out, its snapshot the open reservations', () => {
    const open = [aReservation(6), aReservation(7)];
    const tail: RegisterEvent = { type: 'RegisterNumberReserved', data: { ...open[1], year: 2026, openReservations: open } };

    expect(registerYearFromTail(2026, tail)).toStrictEqual({ year: 2026, lastSequence: 7, openReservations: open });
  });

  it('after a void: the last number handed out stays, a void never frees a number', () => {
    const tail: RegisterEvent = {
      type: 'RegisterNumberVoided',
      data: {
        year: 2026,
        registerNumber: '2026-000006',
        sequence: 6,
        complaintId: 'complaint-6',
        reason: 'withdrawn before registration',
        voidedAt: NOW.toISOString(),
        lastSequence: 9,
        openReservations: [aReservation(8)],
      },
    };

    expect(registerYearFromTail(2026, tail)).toStrictEqual({ year: 2026, lastSequence: 9, openReservations: [aReservation(8)] });
  });
});

describe('reserving a register number', () => {
  const request = { complaintId: 'complaint-new', commandId: 'command-new', now: NOW };
  const reserved = (sequence: number): OpenReservation => ({
    registerNumber: formatRegisterNumber(2026, sequence),
    sequence,
    complaintId: 'complaint-new',
    commandId: 'command-new',
    reservedAt: '2026-03-02T14:00:00.000Z',
  });

  it('gives the first number of a year as YYYY-000001', () => {
    const decision = decideReservation(registerYearFromTail(2026), request, outcomes());

    expect(decision).toStrictEqual({
      kind: 'append',
      reservation: reserved(1),
      events: [{ type: 'RegisterNumberReserved', data: { ...reserved(1), year: 2026, openReservations: [reserved(1)] } }],
    });
    expect(decision.reservation.registerNumber).toBe('2026-000001');
  });

  it('gives the number after the last one handed out', () => {
    const decision = decideReservation({ year: 2026, lastSequence: 41, openReservations: [] }, request, outcomes());

    expect(decision.reservation.registerNumber).toBe('2026-000042');
  });

  it("reuses the complaint's own open reservation: a retry after a crash between the two appends", () => {
    const own = aReservation(5, { complaintId: 'complaint-new', commandId: 'command-first-try' });
    const register = { year: 2026, lastSequence: 7, openReservations: [aReservation(4), own, aReservation(7)] };

    const decision = decideReservation(register, { ...request, commandId: 'command-retry' }, outcomes([[4, { kind: 'used' }]]));

    // Renewed by an append, so that a registration voiding it as abandoned at the same time conflicts instead.
    const renewed = { ...own, commandId: 'command-retry', reservedAt: NOW.toISOString() };
    expect(decision).toStrictEqual({
      kind: 'renew',
      reservation: renewed,
      events: [
        {
          type: 'RegisterNumberReservationRenewed',
          data: { ...renewed, year: 2026, lastSequence: 7, openReservations: [renewed, aReservation(7)] },
        },
      ],
    });
    expect(decision.reservation.registerNumber).toBe('2026-000005');
  });

  it('renews its own reservation even when it has timed out, still voiding the others that were abandoned', () => {
    const own = aReservation(5, { complaintId: 'complaint-new' });
    const register = { year: 2026, lastSequence: 6, openReservations: [own, aReservation(6)] };

    const events = decideReservation(register, request, outcomes([[6, { kind: 'abandoned', reason: 'withdrawn' }]])).events;

    expect(events.map((e) => e.type)).toEqual(['RegisterNumberVoided', 'RegisterNumberReservationRenewed']);
    expect(events[1].data.openReservations.map((r) => r.registerNumber)).toEqual(['2026-000005']);
  });

  it('after a renewal, the register keeps its last number and the renewed reservation open', () => {
    const renewed = aReservation(5, { reservedAt: NOW.toISOString() });
    const tail: RegisterEvent = {
      type: 'RegisterNumberReservationRenewed',
      data: { ...renewed, year: 2026, lastSequence: 7, openReservations: [renewed] },
    };
    expect(registerYearFromTail(2026, tail)).toStrictEqual({ year: 2026, lastSequence: 7, openReservations: [renewed] });
  });

  it('drops reservations whose complaints were registered, without an event of their own', () => {
    const register = { year: 2026, lastSequence: 5, openReservations: [aReservation(4), aReservation(5)] };

    const decision = decideReservation(register, request, outcomes([[4, { kind: 'used' }], [5, { kind: 'used' }]]));

    expect(decision).toStrictEqual({
      kind: 'append',
      reservation: reserved(6),
      events: [{ type: 'RegisterNumberReserved', data: { ...reserved(6), year: 2026, openReservations: [reserved(6)] } }],
    });
  });

  it('keeps reservations still pending, or whose outcome is unknown, open', () => {
    const register = { year: 2026, lastSequence: 5, openReservations: [aReservation(4), aReservation(5)] };

    const decision = decideReservation(register, request, outcomes([[4, { kind: 'pending' }]]));

    expect(appended(decision)).toStrictEqual([
      {
        type: 'RegisterNumberReserved',
        data: { ...reserved(6), year: 2026, openReservations: [aReservation(4), aReservation(5), reserved(6)] },
      },
    ]);
  });

  it('voids an abandoned reservation with its reason in the same append, and never hands its number out again', () => {
    const register = { year: 2026, lastSequence: 5, openReservations: [aReservation(5)] };

    const decision = decideReservation(
      register,
      request,
      outcomes([[5, { kind: 'abandoned', reason: 'The customer withdrew before registration.' }]]),
    );

    expect(decision).toStrictEqual({
      kind: 'append',
      reservation: reserved(6),
      events: [
        {
          type: 'RegisterNumberVoided',
          data: {
            year: 2026,
            registerNumber: '2026-000005',
            sequence: 5,
            complaintId: 'complaint-5',
            reason: 'The customer withdrew before registration.',
            voidedAt: '2026-03-02T14:00:00.000Z',
            lastSequence: 5,
            openReservations: [],
          },
        },
        { type: 'RegisterNumberReserved', data: { ...reserved(6), year: 2026, openReservations: [reserved(6)] } },
      ],
    });
  });

  it('carries the snapshot after each event on every event of a mixed append', () => {
    const register = {
      year: 2026,
      lastSequence: 10,
      openReservations: [aReservation(6), aReservation(7), aReservation(8), aReservation(9)],
    };

    const decision = decideReservation(
      register,
      request,
      outcomes([
        [6, { kind: 'abandoned', reason: 'duplicate of 2026-000003' }],
        [7, { kind: 'used' }],
        [8, { kind: 'pending' }],
        [9, { kind: 'abandoned', reason: 'registration refused: unknown category' }],
      ]),
    );

    const events = appended(decision);
    expect(events.map((event) => [event.type, event.data.sequence, event.data.openReservations.map((r) => r.sequence)])).toStrictEqual([
      ['RegisterNumberVoided', 6, [8, 9]],
      ['RegisterNumberVoided', 9, [8]],
      ['RegisterNumberReserved', 11, [8, 11]],
    ]);
    expect(events.map((event) => (event.type === 'RegisterNumberVoided' ? event.data.lastSequence : undefined))).toStrictEqual([
      10,
      10,
      undefined,
    ]);
    expect(registerYearFromTail(2026, events[events.length - 1])).toStrictEqual({
      year: 2026,
      lastSequence: 11,
      openReservations: [aReservation(8), reserved(11)],
    });
  });

  it('numbers consecutively across appends from the tail alone; a voided number is explained, never reused', () => {
    const stream: RegisterEvent[] = [];
    const reserve = (complaintId: string, known: Array<[number, ReservationOutcome]> = []) => {
      const register = registerYearFromTail(2026, stream[stream.length - 1]);
      const decision = decideReservation(register, { complaintId, commandId: `command-${complaintId}`, now: NOW }, outcomes(known));
      if (decision.kind === 'append') stream.push(...decision.events);
      return decision.reservation.registerNumber;
    };

    expect(reserve('complaint-a')).toBe('2026-000001');
    expect(reserve('complaint-b', [[1, { kind: 'used' }]])).toBe('2026-000002');
    expect(reserve('complaint-b')).toBe('2026-000002'); // the retry
    expect(reserve('complaint-c', [[2, { kind: 'abandoned', reason: 'withdrawn' }]])).toBe('2026-000003');
    expect(reserve('complaint-d', [[3, { kind: 'used' }]])).toBe('2026-000004');

    expect(stream.map((event) => `${event.type} ${event.data.registerNumber}`)).toStrictEqual([
      'RegisterNumberReserved 2026-000001',
      'RegisterNumberReserved 2026-000002',
      'RegisterNumberVoided 2026-000002',
      'RegisterNumberReserved 2026-000003',
      'RegisterNumberReserved 2026-000004',
    ]);
    expect(registerYearFromTail(2026, stream[stream.length - 1]).openReservations.map((r) => r.complaintId)).toStrictEqual([
      'complaint-d',
    ]);
  });

  describe('the sweeper (no registration needed)', () => {
    const register = { year: 2026, lastSequence: 3, openReservations: [aReservation(1), aReservation(2), aReservation(3)] };

    it('voids the abandoned reservations with their reasons, each void carrying what stays open', () => {
      const events = decideSweep(
        register,
        outcomes([
          [1, { kind: 'abandoned', reason: 'timed out' }],
          [2, { kind: 'used' }],
          [3, { kind: 'pending' }],
        ]),
        NOW,
      );
      expect(events).toEqual([
        {
          type: 'RegisterNumberVoided',
          data: {
            year: 2026,
            registerNumber: '2026-000001',
            sequence: 1,
            complaintId: 'complaint-1',
            reason: 'timed out',
            voidedAt: NOW.toISOString(),
            lastSequence: 3,
            openReservations: [aReservation(3)],
          },
        },
      ]);
    });

    it('appends nothing when nothing is abandoned', () => {
      expect(decideSweep(register, outcomes([[1, { kind: 'pending' }], [2, { kind: 'used' }]]), NOW)).toEqual([]);
    });
  });

  it('lists the voided numbers of a stream in sequence, with when they were taken and why they were voided', () => {
    const reserved = (sequence: number, reservedAt: string): RegisterEvent => ({
      type: 'RegisterNumberReserved',
      data: { ...aReservation(sequence, { reservedAt }), year: 2026, openReservations: [] },
    });
    const voided = (sequence: number, reason: string): RegisterEvent => ({
      type: 'RegisterNumberVoided',
      data: { year: 2026, registerNumber: formatRegisterNumber(2026, sequence), sequence, complaintId: `complaint-${sequence}`, reason, voidedAt: '2026-03-03T00:00:00.000Z', lastSequence: 3, openReservations: [] },
    });
    expect(voidedNumbersOf([reserved(1, '2026-03-01T10:00:00.000Z'), reserved(2, '2026-03-01T11:00:00.000Z'), reserved(3, '2026-03-01T12:00:00.000Z'), voided(3, 'withdrawn'), voided(1, 'timed out')])).toEqual([
      { year: 2026, registerNumber: '2026-000001', sequence: 1, complaintId: 'complaint-1', reservedAt: '2026-03-01T10:00:00.000Z', voidedAt: '2026-03-03T00:00:00.000Z', reason: 'timed out' },
      { year: 2026, registerNumber: '2026-000003', sequence: 3, complaintId: 'complaint-3', reservedAt: '2026-03-01T12:00:00.000Z', voidedAt: '2026-03-03T00:00:00.000Z', reason: 'withdrawn' },
    ]);
  });
});
