import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';

import { validatedEnvironment } from './env.schema';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/**
 * The certificate (with its chain) and key Evently serves HTTPS with, from TLS_CERT_FILE and
 * TLS_KEY_FILE; undefined when neither is set (plain HTTP, TLS ending at a proxy). Read once at
 * start-up, so a renewed certificate takes a restart (docs/deployment.md). A file that cannot be
 * read, or a key that is not the certificate's, stops start-up naming the variables.
 */
export function tlsFilesFrom(environment: NodeJS.ProcessEnv): TlsFiles | undefined {
  const { TLS_CERT_FILE, TLS_KEY_FILE } = validatedEnvironment(environment);
  if (!TLS_CERT_FILE || !TLS_KEY_FILE) return undefined;
  const files = { cert: readPem('TLS_CERT_FILE', TLS_CERT_FILE), key: readPem('TLS_KEY_FILE', TLS_KEY_FILE) };
  try {
    createSecureContext(files);
  } catch (error) {
    throw new Error(
      `invalid configuration: "TLS_CERT_FILE" and "TLS_KEY_FILE" are not a certificate and its key (${(error as Error).message})`,
      { cause: error },
    );
  }
  return files;
}

function readPem(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`invalid configuration: "${variable}" names ${path}, which cannot be read (${(error as NodeJS.ErrnoException).code})`, {
      cause: error,
    });
  }
}
