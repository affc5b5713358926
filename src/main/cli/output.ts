import type { ContractError } from '../../shared/errors';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Raw text without a newline (streamed answers); where absent, the answer prints whole at the end. */
  write?: (text: string) => void;
}

export const processIo: CliIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  write: (t) => process.stdout.write(t),
};

/** Errors print as `error CODE: message` (or as JSON with --json) so scripts can match the code. */
export function printError(io: CliIo, error: ContractError, json: boolean): void {
  if (json) io.out(JSON.stringify({ ok: false, error }));
  else io.err(`error ${error.code}: ${error.message}`);
}
