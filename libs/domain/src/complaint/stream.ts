/** A complaint is one stream, named after its id. */
export const COMPLAINT_STREAM_PREFIX = 'complaint-';

export const complaintStreamId = (complaintId: string): string => `${COMPLAINT_STREAM_PREFIX}${complaintId}`;
