// The `certificate` job of docker-compose.yml's `scale` profile: when the folder HAProxy reads its
// certificate from has none, writes a self-signed one (with its key, in one PEM file, as HAProxy's
// `crt` takes it) and says so, so a first start serves HTTPS at all. An operator replaces it with
// a real certificate (docs/deployment.md); an existing file is never touched.
// Plain Node (no openssl in the images): the certificate's DER is written here and signed with node:crypto.
//   node first-start-certificate.js <pem file> [host names and addresses, comma-separated]
const { generateKeyPairSync, randomBytes, sign } = require('node:crypto');
const { Buffer } = require('node:buffer');
const { existsSync, mkdirSync, writeFileSync } = require('node:fs');
const { isIP } = require('node:net');
const { dirname } = require('node:path');

const [file, names = 'localhost,127.0.0.1'] = process.argv.slice(2);
const DAYS = 30;

if (!file) {
  console.error('usage: first-start-certificate.js <pem file> [names]');
  process.exit(2);
}
if (existsSync(file)) {
  console.log(`certificate: ${file} exists, keeping it`);
  process.exit(0);
}

// DER, as much of it as one certificate needs: tag, length, contents.
const der = (tag, ...parts) => {
  const body = Buffer.concat(parts);
  const length = body.length < 128 ? Buffer.from([body.length]) : lengthOf(body.length);
  return Buffer.concat([Buffer.from([tag]), length, body]);
};
const lengthOf = (n) => {
  const bytes = [];
  for (; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const sequence = (...parts) => der(0x30, ...parts);
const oid = (dotted) => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const n of rest) {
    const groups = [];
    for (let v = n; groups.length === 0 || v > 0; v = Math.floor(v / 128)) groups.unshift(v % 128);
    bytes.push(...groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g)));
  }
  return der(0x06, Buffer.from(bytes));
};
const utcTime = (date) => der(0x17, Buffer.from(date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));
const name = (commonName) => sequence(der(0x31, sequence(oid('2.5.4.3'), der(0x0c, Buffer.from(commonName)))));
const ipBytes = (address) => {
  if (isIP(address) === 4) return Buffer.from(address.split('.').map(Number));
  const [head, tail] = address.split('::').map((part) => (part ? part.split(':') : []));
  const groups = tail ? [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail] : head;
  return Buffer.from(groups.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]));
};

const hosts = names
  .split(',')
  .map((host) => host.trim())
  .filter(Boolean);
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const ecdsaWithSha256 = sequence(oid('1.2.840.10045.4.3.2'));
const serial = randomBytes(16);
serial[0] &= 0x7f; // a positive INTEGER
const now = Date.now();
const alternativeNames = sequence(...hosts.map((host) => (isIP(host) ? der(0x87, ipBytes(host)) : der(0x82, Buffer.from(host)))));
const tbs = sequence(
  der(0xa0, der(0x02, Buffer.from([2]))), // v3
  der(0x02, serial),
  ecdsaWithSha256,
  name(hosts[0]),
  sequence(utcTime(new Date(now - 60_000)), utcTime(new Date(now + DAYS * 86_400_000))),
  name(hosts[0]),
  publicKey.export({ type: 'spki', format: 'der' }),
  der(0xa3, sequence(sequence(oid('2.5.29.17'), der(0x04, alternativeNames)))),
);
const certificate = sequence(tbs, ecdsaWithSha256, der(0x03, Buffer.from([0]), sign('sha256', tbs, privateKey)));
const pem = `-----BEGIN CERTIFICATE-----\n${certificate
  .toString('base64')
  .replace(/(.{64})/g, '$1\n')
  .trimEnd()}\n-----END CERTIFICATE-----\n`;

mkdirSync(dirname(file), { recursive: true });
// Readable by HAProxy's own user in its container, which mounts this folder read-only.
writeFileSync(file, pem + privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o644 });
console.log(
  `certificate: no certificate at ${file}: made a SELF-SIGNED one for ${hosts.join(', ')}, valid ${DAYS} days, ` +
    'so that a first start serves HTTPS; clients will not trust it. Put your own certificate there (docs/deployment.md).',
);
