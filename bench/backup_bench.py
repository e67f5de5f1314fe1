"""Benchmark: what the backup's manifest (hashes, row counts) and restore's check cost.

    DATA_DIR=… [DATABASE_URL=…] python -m bench.backup_bench

Run against an installation with data (e.g. after ``load_demo``). In one run, on the same
files: the baseline is the vendor dump alone plus a plain ``tar.gz`` of dump and media
(what a hand-made backup script does); then ``backup_create`` (dump, hashing every
member, counting every table, manifest, atomic rename) and ``archive_verify`` (unpack
and check everything restore checks before it overwrites anything). Nothing is restored.
"""

import os
import tarfile
import tempfile
import time
from pathlib import Path

import django


def timed(work):
    started = time.perf_counter()
    outcome = work()
    return outcome, time.perf_counter() - started


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    django.setup()
    from django.db import connection

    from ops import database
    from ops.backup import backup_create, media_root
    from ops.manifest import media_files
    from ops.restore import archive_verify

    media = media_root()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        dump = scratch / database.dump_name(connection.vendor)
        snapshot, dump_seconds = timed(lambda: database.database_dump(target=dump))

        def plain_tar():
            with tarfile.open(scratch / "plain.tar.gz", "w:gz", compresslevel=6) as tar:
                tar.add(dump, arcname=f"database/{dump.name}")
                for rel, path in media_files(media):
                    tar.add(path, arcname=f"media/{rel}")

        _, tar_seconds = timed(plain_tar)
        baseline = dump_seconds + tar_seconds
        result, backup_seconds = timed(lambda: backup_create(out_dir=scratch / "out"))
        _, verify_seconds = timed(lambda: archive_verify(archive=result.archive))
        files = len(result.manifest.files)
        print(
            f"{connection.vendor}: {len(snapshot.tables)} tables, "
            f"{sum(snapshot.tables.values()):,} rows, {files - 1} media files, "
            f"archive {result.archive.stat().st_size / 1024 / 1024:.1f} MB"
        )
        print(f"baseline (dump + plain tar.gz) {baseline * 1000:8.0f} ms")
        print(
            f"backup (manifest, atomic)      {backup_seconds * 1000:8.0f} ms  "
            f"x{backup_seconds / baseline:.2f}"
        )
        print(
            f"restore --check (unpack+hash)  {verify_seconds * 1000:8.0f} ms  "
            f"x{verify_seconds / baseline:.2f}"
        )


if __name__ == "__main__":
    main()
