#!/usr/bin/env bash
# Restore SIMBA from bin/backup.sh's files: REPLACES the database's contents and adds the stored
# reports to MEDIA_ROOT. Stop the web, worker and beat containers first (see README).
#
#   DATABASE_URL=... MEDIA_ROOT=/data/media bin/restore.sh --yes simba-<stamp>.dump [simba-<stamp>-media.tar.gz]
set -euo pipefail

if [ "${1:-}" != "--yes" ] || [ -z "${2:-}" ]; then
    echo "usage: bin/restore.sh --yes DUMP [MEDIA_TAR]   (replaces the database named by DATABASE_URL)" >&2
    exit 2
fi
dump="$2"
media="${3:-}"
: "${DATABASE_URL:?DATABASE_URL must name the database to restore into}"
MEDIA_ROOT="${MEDIA_ROOT:-./media}"
[ -f "$dump" ] || { echo "no such dump: $dump" >&2; exit 2; }

# One transaction: a dump that fails to restore leaves the database as it was.
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$DATABASE_URL" "$dump"
if [ -n "$media" ]; then
    mkdir -p "$MEDIA_ROOT"
    tar -xzf "$media" -C "$MEDIA_ROOT"
fi
echo "restored $dump${media:+ and $media}"
