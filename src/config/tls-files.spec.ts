import { makeServerCertificate } from '../../test/support/certificates';
import { assertValidEnvironment } from './env.schema';
import { tlsFilesFrom } from './tls-files';

describe('TLS_CERT_FILE and TLS_KEY_FILE', () => {
  const certificate = makeServerCertificate();
  const other = makeServerCertificate();

  it('give the certificate and key to serve HTTPS with, or nothing when neither is set', () => {
    expect(tlsFilesFrom({})).toBeUndefined();
    const files = tlsFilesFrom({ TLS_CERT_FILE: certificate.certFile, TLS_KEY_FILE: certificate.keyFile });
    expect(files?.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect(files?.key.toString()).toContain('PRIVATE KEY');
  });

  it('go together: one without the other stops start-up naming both', () => {
    expect(() => assertValidEnvironment({ TLS_CERT_FILE: certificate.certFile })).toThrow(/TLS_CERT_FILE.*TLS_KEY_FILE/);
  });

  it('stop start-up naming the variable whose file cannot be read', () => {
    expect(() => tlsFilesFrom({ TLS_CERT_FILE: '/nonexistent/cert.pem', TLS_KEY_FILE: certificate.keyFile })).toThrow(
      /"TLS_CERT_FILE" names \/nonexistent\/cert.pem, which cannot be read \(ENOENT\)/,
    );
  });

  it('stop start-up when the key is not the certificate’s', () => {
    expect(() => tlsFilesFrom({ TLS_CERT_FILE: certificate.certFile, TLS_KEY_FILE: other.keyFile })).toThrow(
      /"TLS_CERT_FILE" and "TLS_KEY_FILE" are not a certificate and its key/,
    );
  });
});
