import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { UsageError } from './usage-error';

/** Whether the person can be asked: stdin is a terminal. */
export function canAsk(): boolean {
  return process.stdin.isTTY === true;
}

/** Asks questions on the terminal; close it when done (until then stdin keeps the process alive). */
export interface Prompter {
  /** With `secret`, what is typed is not shown: nothing of it reaches the screen or a recording. */
  ask(question: string, options?: { secret?: boolean; fallback?: string }): Promise<string>;
  close(): void;
}

/**
 * One reader for all of a command's questions (the questions on stderr, so stdout stays the
 * command's output): a reader per question would drop what was typed ahead of the next one.
 */
export function openPrompter(): Prompter {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const reader = createInterface({ input: process.stdin, output, terminal: true });
  let closed = false;
  reader.once('close', () => (closed = true));
  return {
    async ask(question, options = {}) {
      if (closed) throw new UsageError('cancelled');
      const hint = options.fallback ? ` [${options.fallback}]` : '';
      try {
        return await new Promise<string>((resolve, reject) => {
          const cancel = () => reject(new UsageError('cancelled'));
          reader.once('close', cancel);
          reader.question(`${question}${hint}: `, (answer) => {
            reader.off('close', cancel);
            resolve(answer.trim() || options.fallback || '');
          });
          // After the question is written: the question shows, the answer does not.
          muted = options.secret === true;
        });
      } finally {
        if (muted) process.stderr.write('\n');
        muted = false;
      }
    },
    close: () => reader.close(),
  };
}

/** Asks one question (see `Prompter.ask`). */
export async function ask(question: string, options: { secret?: boolean; fallback?: string } = {}): Promise<string> {
  const prompter = openPrompter();
  try {
    return await prompter.ask(question, options);
  } finally {
    prompter.close();
  }
}

/** All of stdin as text (a secret piped in: `pass show x | assay credentials create …`). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A secret's value as typed or piped: without the one line break `echo` or an editor ends it with. */
export function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}
