// Certificates made with Debian's openssl for the HTTPS tests and drills: a throw-away CA and a
// server certificate it signs, for localhost and 127.0.0.1, valid for a day.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServerCertificate {
  /** PEM file of the server certificate, and of its key. */
  certFile: string;
  keyFile: string;
  /** Certificate then key in one PEM file, as HAProxy's `crt` takes them. */
  pemFile: string;
  /** The CA that signed it, PEM, for a client to verify the server against. */
  ca: Buffer;
  cert: Buffer;
}

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
const KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A CA and a server certificate signed by it, in a new folder under `parent` (the system's temporary folder by default). */
export function makeServerCertificate(parent = tmpdir(), commonName = 'evently-test'): ServerCertificate {
  const dir = mkdtempSync(join(parent, 'evently-tls-'));
  const file = (name: string) => join(dir, name);
  openssl(['req', '-x509', ...KEY, '-days', '1', '-subj', `/CN=${commonName} CA`, '-keyout', file('ca.key'), '-out', file('ca.crt')]);
  openssl(['req', '-new', ...KEY, '-subj', `/CN=${commonName}`, '-keyout', file('server.key'), '-out', file('server.csr')]);
  writeFileSync(file('server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  openssl([
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.crt'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    file('server.ext'),
    '-out',
    file('server.crt'),
  ]);
  const cert = readFileSync(file('server.crt'));
  writeFileSync(file('server.pem'), Buffer.concat([cert, readFileSync(file('server.key'))]));
  return { certFile: file('server.crt'), keyFile: file('server.key'), pemFile: file('server.pem'), ca: readFileSync(file('ca.crt')), cert };
}
