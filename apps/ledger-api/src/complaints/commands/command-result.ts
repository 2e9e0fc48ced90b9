/** What every command answers: where its events landed, so a client can read its own writes. */
export interface CommandResult {
  complaintId: string;
  /** The complaint stream's revision after the command: the new ETag. */
  revision: string;
  /** The global position of the command's last event in `$all`, as a decimal string. */
  position: string;
  /** True when an Idempotency-Key matched an earlier, identical request and nothing was appended. */
  replayed: boolean;
  /** Registration only: the register number the complaint holds. */
  registerNumber?: string;
}
