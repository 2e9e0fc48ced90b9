import { aComplaint, attachEvidence, EVIDENCE_SHA256, evidenceAttached, given, SPEC_DEFAULT_NOW } from '../testing';
import { ComplaintEvent } from './events';
import { foldComplaint } from './evolve';
import { ERASED } from './personal-data';

const now = SPEC_DEFAULT_NOW.toISOString();
const received = aComplaint().received();
const erased: ComplaintEvent = { type: 'PersonalDataErased', data: { complaintId: 'complaint-0001', erasedAt: '2026-05-01T08:00:00.000Z', reason: 'GDPR art. 17' } };

describe('attaching evidence', () => {
  it('records the file by its hash, size and media type, with whoever attached it, at the moment of deciding', () => {
    given(received).when(attachEvidence()).then([evidenceAttached({ attachedAt: now })]);
  });

  it('attaches at any open stage: before registration, while investigated, after the answer', () => {
    for (const history of [received, received.registered().investigated(), received.registered().investigated().answered().followedUp()])
      given(history).when(attachEvidence()).then([evidenceAttached({ attachedAt: now })]);
  });

  it('attaches each content once: the same bytes again are refused, another file is welcome', () => {
    const attached = [...received.events(), evidenceAttached()];
    given(attached).when(attachEvidence({ fileName: 'copy.jpg' })).thenFails('evidence-already-attached', { kind: 'rule-violated' });
    given(attached).when(attachEvidence({ sha256: 'b'.repeat(64) })).then([evidenceAttached({ sha256: 'b'.repeat(64), attachedAt: now })]);
  });

  it('refuses a case that was never received, was withdrawn or is closed', () => {
    given([]).when(attachEvidence()).thenFails('complaint-not-received');
    given(received.registered().withdrawn()).when(attachEvidence()).thenFails('complaint-withdrawn');
    given(received.registered().investigated().answered().closed()).when(attachEvidence()).thenFails('complaint-closed');
  });

  it('refuses once the personal data was erased: its key is gone, so no file can be sealed for the case', () => {
    given([...received.events(), erased]).when(attachEvidence()).thenFails('personal-data-erased', { kind: 'rule-violated' });
  });

  it.each([
    ['sha256', { sha256: EVIDENCE_SHA256.toUpperCase() }, 'invalid-sha256'],
    ['sha256', { sha256: 'abc' }, 'invalid-sha256'],
    ['filename', { fileName: '' }, 'invalid-file-name'],
    ['filename', { fileName: '   ' }, 'invalid-file-name'],
    ['filename', { fileName: '../etc/passwd' }, 'invalid-file-name'],
    ['filename', { fileName: 'C:\\receipt.jpg' }, 'invalid-file-name'],
    ['filename', { fileName: 'line\r\nbreak.jpg' }, 'invalid-file-name'],
    ['filename', { fileName: 'x'.repeat(256) }, 'invalid-file-name'],
    ['mediaType', { mediaType: 'jpeg' }, 'invalid-media-type'],
    ['sizeBytes', { sizeBytes: 0 }, 'empty-evidence'],
    ['sizeBytes', { sizeBytes: 1.5 }, 'empty-evidence'],
  ])('refuses a bad %s (%j) as invalid input', (field, overrides, code) => {
    given(received).when(attachEvidence(overrides)).thenFails(code, { kind: 'invalid-input', field });
  });

  it('keeps a name in any script, with spaces and dots', () => {
    given(received).when(attachEvidence({ fileName: 'Касова бележка 12.03 (копие).jpg' })).then([evidenceAttached({ fileName: 'Касова бележка 12.03 (копие).jpg', attachedAt: now })]);
  });
});

describe('the case’s evidence', () => {
  it('lists the files in the order attached; a case without any has no list', () => {
    expect(foldComplaint(received.events())).not.toHaveProperty('evidence');
    const second = evidenceAttached({ sha256: 'c'.repeat(64), fileName: 'letter.pdf', mediaType: 'application/pdf' });
    const folded = foldComplaint([...received.events(), evidenceAttached(), second]);
    const { complaintId: _a, ...first } = evidenceAttached().data;
    const { complaintId: _b, ...other } = second.data;
    expect(folded).toMatchObject({ evidence: [first, other] });
  });

  it('reads the file names as erased after an erasure, keeping hashes, sizes and who attached them', () => {
    const folded = foldComplaint([...received.events(), evidenceAttached(), erased]);
    const { complaintId: _id, ...file } = evidenceAttached().data;
    expect(folded).toMatchObject({ evidence: [{ ...file, fileName: ERASED }] });
  });
});
