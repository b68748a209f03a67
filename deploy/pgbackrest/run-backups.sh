#!/bin/sh
# The `backup` service: once `db` answers, create the stanza (a no-op when it exists), check
# that archiving works, take a first full backup if the repository has none, then run the
# schedule (crontab). Runs as root only to own the shared folders and start crond; every
# pgBackRest command runs as postgres.
set -eu
mkdir -p /var/lib/evently/backup-status /tmp/pgbackrest
chown postgres:postgres /var/lib/pgbackrest /var/lib/evently/backup-status /tmp/pgbackrest
as_postgres() { su-exec postgres "$@"; }
until as_postgres pg_isready -q -h /var/run/postgresql -U evently -d postgres; do sleep 2; done
as_postgres pgbackrest --stanza=evently stanza-create
as_postgres pgbackrest --stanza=evently check
if ! as_postgres pgbackrest --stanza=evently info --output=json | grep -q '"label"'; then
  as_postgres /evently/backup.sh full
fi
exec crond -f -l 6 -c /evently/crontabs
