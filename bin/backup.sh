#!/usr/bin/env bash
# Back up SIMBA: the PostgreSQL database (pg_dump, custom format) and the stored reports
# (MEDIA_ROOT as a tar.gz), into the folder given (default ./backups), stamped with the time.
#
#   DATABASE_URL=postgres://user:pw@host:5432/simba MEDIA_ROOT=/data/media bin/backup.sh /backups
#
# In the docker-compose stack (see README):  docker compose run --rm -v "$PWD/backups:/backups" \
#   web bin/backup.sh /backups
# The dump is consistent on its own (one snapshot) while the application runs; reports are files
# that are only ever added, so a copy taken right after the dump holds every report it names.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must name the database to back up}"
MEDIA_ROOT="${MEDIA_ROOT:-./media}"
target="${1:-./backups}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$target"
dump="$target/simba-$stamp.dump"
media="$target/simba-$stamp-media.tar.gz"

# Written under a temporary name first, so an interrupted backup never looks complete.
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$dump.part"
mv "$dump.part" "$dump"
if [ -d "$MEDIA_ROOT" ]; then
    tar -czf "$media.part" -C "$MEDIA_ROOT" .
else
    tar -czf "$media.part" --files-from /dev/null
fi
mv "$media.part" "$media"

echo "database: $dump"
echo "reports:  $media"
