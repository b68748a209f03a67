import { connect, Socket } from 'node:net';

/** One HTTP answer as it came over the wire; header names in lower case. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A TCP connection to the app for what an HTTP client library will not send: a broken request
 * line, an asterisk-form target, headers sent in two halves. `answer()` waits until the server
 * closes the connection (at most `withinMs`, then it gives up and closes it) and reads the first
 * answer it sent.
 */
export class RawConnection {
  private received = '';
  private readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => (this.received += chunk.toString('latin1')));
    // A server that refuses a request may reset the connection once it has answered.
    socket.on('error', () => undefined);
    this.closed = new Promise((settle) => socket.on('close', () => settle()));
  }

  static open(baseUrl: string): Promise<RawConnection> {
    const { hostname, port } = new URL(baseUrl);
    return new Promise((settle, fail) => {
      const socket = connect(Number(port), hostname, () => settle(new RawConnection(socket)));
      socket.once('error', fail);
    });
  }

  write(text: string): void {
    this.socket.write(text);
  }

  async answer(withinMs = 5_000): Promise<RawAnswer> {
    const giveUp = setTimeout(() => this.socket.destroy(), withinMs);
    await this.closed;
    clearTimeout(giveUp);
    return parseAnswer(this.received);
  }
}

/** Sends `text` as it is on a connection of its own and reads the answer. */
export async function sendRaw(baseUrl: string, text: string): Promise<RawAnswer> {
  const connection = await RawConnection.open(baseUrl);
  connection.write(text);
  return connection.answer();
}

function parseAnswer(text: string): RawAnswer {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd === -1) throw new Error(`no HTTP answer, only ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...headerLines] = text.slice(0, headEnd).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? text.length);
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(headEnd + 4, headEnd + 4 + length) };
}
