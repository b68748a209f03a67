import { fork } from 'node:child_process';

/**
 * Runs one load generator in its own Node process, so the load it makes never competes with the
 * measuring process's event loop; the child gets `input` and answers with one message.
 */
export function runInChild<Input, Output>(modulePath: string, input: Input): Promise<Output> {
  return new Promise((resolve, reject) => {
    const child = fork(modulePath, [], { execArgv: ['-r', 'ts-node/register/transpile-only'], stdio: 'inherit' });
    let answered = false;
    child.once('message', (output) => {
      answered = true;
      resolve(output as Output);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`${modulePath} exited with code ${code} before answering`));
    });
    child.send(input as object);
  });
}

/** The child side: read the input, do the work, answer, exit. */
export function serveOnce<Input, Output>(work: (input: Input) => Promise<Output>): void {
  process.once('message', async (input) => {
    const output = await work(input as Input);
    process.send!(output, () => process.exit(0));
  });
}
