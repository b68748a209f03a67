#!/bin/sh
# One backup of the `evently` stanza (full or diff), then the marker /metrics reads for the age
# of the last successful backup (BACKUP_STATUS_FILE). Expiry by the retention of
# pgbackrest.conf runs at the end of every backup.
set -eu
type=$1
pgbackrest --stanza=evently --type="$type" backup
marker=/var/lib/evently/backup-status/last-backup.json
label=$(pgbackrest --stanza=evently info --output=json | sed -n 's/.*"label":"\([^"]*\)".*/\1/p' | tail -n 1)
printf '{"finished_at":"%s","label":"%s","type":"%s","tool":"pgbackrest"}\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$label" "$type" >"$marker.tmp"
chmod 644 "$marker.tmp"
mv "$marker.tmp" "$marker"
