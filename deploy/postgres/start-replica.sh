#!/bin/sh
# The `replica` service of docker-compose.yml's `scale` profile: a hot standby of `db`. The first
# start clones `db` with pg_basebackup -R (which also writes the standby settings); later starts
# resume streaming from where the volume is.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  su-exec postgres pg_basebackup -h db -U "$POSTGRES_USER" -D "$PGDATA" -R -X stream -c fast
fi
exec su-exec postgres postgres
