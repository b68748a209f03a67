import { createInterface } from 'node:readline/promises';

export async function ask(question: string): Promise<string> {
  const readline = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await readline.question(question)).trim();
  } finally {
    readline.close();
  }
}

/** Reads a line without echoing it (for passwords). */
export function askHidden(question: string): Promise<string> {
  process.stdout.write(question);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  let answer = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\u0003') return finish(() => reject(new Error('Cancelled')));
        if (character === '\r' || character === '\n') return finish(() => resolve(answer));
        answer = character === '\u007f' ? answer.slice(0, -1) : answer + character;
      }
    };
    const finish = (settle: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
      settle();
    };
    stdin.on('data', onData);
  });
}
