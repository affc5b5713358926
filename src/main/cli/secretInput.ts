import { SwitchyardError } from '../core/errors';

const MAX_PIPED_BYTES = 64 * 1024;

/** Reads one secret from the terminal without echoing it (raw mode, so nothing is shown or kept). */
export function readHidden(
  stdin: Pick<NodeJS.ReadStream, 'setRawMode' | 'setEncoding' | 'resume' | 'pause' | 'on' | 'off'>,
  prompt: string,
  write: (s: string) => void,
): Promise<string> {
  write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      write('\n');
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new SwitchyardError('CANCELLED', 'Cancelled; nothing was stored.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPiped(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_PIPED_BYTES)
      throw new SwitchyardError('VALIDATION_FAILED', 'The input on stdin is far too long to be an API key.');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A key for `keys set`: typed or pasted at a hidden prompt when stdin is a terminal, else read
 * from a pipe (`pass show openai | switchyard keys set openai`). Never from argv, where it would
 * stay in the shell history and be visible to every user in the process list.
 */
export function readSecretFromStdin(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) return readHidden(stdin, prompt, (s) => process.stderr.write(s));
  return readPiped(stdin);
}
