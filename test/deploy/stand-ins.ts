// Stand-ins for the public images docker-compose.yml names (postgres:17-alpine, redis:7-alpine,
// edoburu/pgbouncer, haproxy:2.6-alpine), which cannot be pulled here: Debian bookworm's packages on
// the drill's debootstrap base, each behind an entrypoint that does what the compose file relies on
// the public image's doing (and nothing more): initialise PostgreSQL from POSTGRES_*, `su-exec`,
// Redis reachable from other containers, PgBouncer configured from DATABASE_URL and friends, HAProxy
// reading /usr/local/etc/haproxy/haproxy.cfg. Built once, kept in podman's storage.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { WORKDIR } from '../faults/harness';
import { imageExists, runOrThrow } from './podman';

const SU_EXEC = `#!/bin/sh
# su-exec USER COMMAND...: as Alpine's su-exec, which deploy/postgres/start-replica.sh uses.
user="$1"; shift
exec setpriv --reuid="$user" --regid="$user" --init-groups -- "$@"
`;

const POSTGRES_ENTRYPOINT = `#!/bin/sh
# What docker-compose.yml takes from postgres's docker-entrypoint.sh: a first start initialises
# PGDATA with POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB, listening on every address and
# letting any host in with the password (scram-sha-256), as the image's pg_hba.conf does: the
# replica, cloned with that file, serves the instances with it. The server then runs as postgres.
set -eu
if [ "\${1:-}" = postgres ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    printf '%s\\n' "$POSTGRES_PASSWORD" > /tmp/password && chown postgres /tmp/password
    su-exec postgres initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile=/tmp/password --auth-local=trust --auth-host=scram-sha-256
    rm /tmp/password
    echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    su-exec postgres pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
    su-exec postgres psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -c "CREATE DATABASE \\"$POSTGRES_DB\\""
    su-exec postgres pg_ctl -D "$PGDATA" -m fast -w stop
  fi
  exec su-exec postgres "$@"
fi
exec "$@"
`;

const REDIS_ENTRYPOINT = `#!/bin/sh
# redis's image builds Redis with protected mode off, so other containers reach it without a password.
if [ "\${1:-}" = redis-server ]; then shift; exec su-exec redis redis-server --protected-mode no "$@"; fi
exec "$@"
`;

const PGBOUNCER_ENTRYPOINT = `#!/bin/sh
# What docker-compose.yml sets of edoburu/pgbouncer's variables: DATABASE_URL (the server and the
# one user), AUTH_TYPE, POOL_MODE, DEFAULT_POOL_SIZE, MAX_CLIENT_CONN; listening on 5432.
set -eu
rest="\${DATABASE_URL#*://}"; credentials="\${rest%%@*}"; server="\${rest#*@}"
user="\${credentials%%:*}"; password="\${credentials#*:}"
address="\${server%%/*}"; host="\${address%%:*}"; port="\${address#*:}"
[ "$port" = "$address" ] && port=5432
mkdir -p /etc/pgbouncer
cat > /etc/pgbouncer/pgbouncer.ini <<EOF
[databases]
* = host=$host port=$port
[pgbouncer]
listen_addr = 0.0.0.0
listen_port = 5432
unix_socket_dir =
auth_type = \${AUTH_TYPE:-md5}
auth_file = /etc/pgbouncer/userlist.txt
pool_mode = \${POOL_MODE:-session}
default_pool_size = \${DEFAULT_POOL_SIZE:-20}
max_client_conn = \${MAX_CLIENT_CONN:-100}
ignore_startup_parameters = extra_float_digits
EOF
printf '"%s" "%s"\\n' "$user" "$password" > /etc/pgbouncer/userlist.txt
chown -R postgres /etc/pgbouncer
chmod 600 /etc/pgbouncer/userlist.txt
exec su-exec postgres pgbouncer /etc/pgbouncer/pgbouncer.ini
`;

// Tagged with a hash of the scripts in them, so a changed entrypoint is built anew, not found.
const versionOf = (...scripts: string[]) => createHash('sha256').update(scripts.join('\0')).digest('hex').slice(0, 8);
const VERSION = versionOf(SU_EXEC, POSTGRES_ENTRYPOINT, REDIS_ENTRYPOINT, PGBOUNCER_ENTRYPOINT);

export const STAND_INS = {
  postgres: { replaces: 'postgres:17-alpine', image: `localhost/evently-standin-postgres:15-${VERSION}`, what: 'PostgreSQL 15' },
  redis: { replaces: 'redis:7-alpine', image: `localhost/evently-standin-redis:7-${VERSION}`, what: 'Redis 7.0' },
  pgbouncer: { replaces: 'edoburu/pgbouncer', image: `localhost/evently-standin-pgbouncer:1.18-${VERSION}`, what: 'PgBouncer 1.18' },
  haproxy: { replaces: 'haproxy:2.6-alpine', image: `localhost/evently-standin-haproxy:2.6-${VERSION}`, what: 'HAProxy 2.6' },
} as const;

const PACKAGES_IMAGE = `localhost/evently-standin-packages:bookworm-${versionOf(SU_EXEC)}`;

function containerfile(from: string, lines: string[]): string {
  return [`FROM ${from}`, ...lines, ''].join('\n');
}

async function build(image: string, files: Record<string, string>, log: string): Promise<void> {
  const context = join(WORKDIR, `context-${image.replace(/[^\w]+/g, '-')}`);
  mkdirSync(context, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(context, name), text, { mode: 0o755 });
  await runOrThrow('podman', ['build', '--format', 'docker', '-t', image, context], { log, timeoutMs: 20 * 60_000 });
}

/** Builds what is missing of the stand-ins on `bookworm` (the debootstrap'd image); says what it did. */
export async function buildStandIns(bookworm: string): Promise<string> {
  const missing = [];
  for (const standIn of Object.values(STAND_INS)) if (!(await imageExists(standIn.image))) missing.push(standIn.image);
  if (!missing.length) return 'found in podman storage';
  const started = Date.now();
  if (!(await imageExists(PACKAGES_IMAGE))) {
    const packages = containerfile(bookworm, [
      // postgresql-common would otherwise make a cluster of its own at install time.
      'RUN mkdir -p /etc/postgresql-common && echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf \\',
      '  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 redis-server pgbouncer haproxy \\',
      '  && rm -rf /var/lib/apt/lists/*',
      'COPY su-exec /usr/local/bin/su-exec',
    ]);
    await build(PACKAGES_IMAGE, { Containerfile: packages, 'su-exec': SU_EXEC }, 'stand-ins');
  }
  const entry = (script: string, lines: string[]) => ({
    Containerfile: containerfile(PACKAGES_IMAGE, [
      'COPY entrypoint.sh /usr/local/bin/entrypoint.sh',
      'ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]',
      ...lines,
    ]),
    'entrypoint.sh': script,
  });
  await build(
    STAND_INS.postgres.image,
    entry(POSTGRES_ENTRYPOINT, ['ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data', 'CMD ["postgres"]']),
    'stand-ins',
  );
  await build(STAND_INS.redis.image, entry(REDIS_ENTRYPOINT, ['CMD ["redis-server"]']), 'stand-ins');
  await build(STAND_INS.pgbouncer.image, entry(PGBOUNCER_ENTRYPOINT, []), 'stand-ins');
  await build(
    STAND_INS.haproxy.image,
    {
      Containerfile: containerfile(PACKAGES_IMAGE, [
        'USER haproxy',
        'CMD ["haproxy", "-W", "-db", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]',
      ]),
    },
    'stand-ins',
  );
  return `built from Debian bookworm's packages in ${Math.round((Date.now() - started) / 1000)} s`;
}
