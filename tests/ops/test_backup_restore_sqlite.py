"""Backup → wipe → restore of a SQLite installation with the demo data (docs/operations.md).

One installation per module holding the demo bureau (users, documents with PDF and DOCX
attachments, signed legal opinions with their PDF letters): the suite's demo snapshot
written out as a SQLite file and a media folder (``migrate`` + ``load_demo`` + the worker's
rendering, done once per test worker), then driven by ``manage.py`` in subprocesses with
their own DATA_DIR.
"""

import json
import os
import re
import shutil

import pytest

from tests.fixtures_demo import export_demo_installation
from tests.ops.installations import (
    BAD_ARCHIVES,
    Installation,
    archive_members,
    file_hash,
    media_hashes,
)

# Once per CI run: in the SQLite pass (the PostgreSQL pass has its own installations).
# The mark makes pytest-django create the test database even when only this module runs:
# the installation is written out from the suite's demo snapshot.
pytestmark = [
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="runs in the SQLite pass (without DATABASE_URL)",
    ),
    pytest.mark.django_db,
]


@pytest.fixture(scope="module")
def site(tmp_path_factory, demo_snapshots, django_db_blocker):
    """(installation, its freshly migrated empty database file, its backup, the state the
    backup was taken of)."""
    root = tmp_path_factory.mktemp("ops-sqlite")
    install = Installation(data_dir=root / "site")
    install.data_dir.mkdir()
    empty_db = root / "empty.sqlite3"
    export_demo_installation(
        demo_snapshots,
        django_db_blocker,
        database=str(install.sqlite_file),
        media=install.media,
        empty_database=str(empty_db),  # what `migrate` alone leaves
    )
    archive = install.backup(root / "backups")
    return install, empty_db, archive, install.snapshot()


def _wipe(install: Installation, empty_db) -> None:
    """The disk failed: no media, and a database as `migrate` leaves it."""
    shutil.rmtree(install.media)
    shutil.copyfile(empty_db, install.sqlite_file)


def test_archive_holds_every_table_and_file_with_their_hashes(site):
    _, _, archive, before = site
    assert re.fullmatch(r"fazhi-backup-\d{8}-\d{6}\.tar\.gz", archive.name)
    assert [p.name for p in archive.parent.iterdir()] == [archive.name]  # no partial left
    members = archive_members(archive)
    manifest = json.loads(members.pop("manifest.json"))
    assert manifest["database"]["vendor"] == "sqlite"
    assert manifest["tables"] == before["tables"]
    assert manifest["tables"]["review_legalopinion"] == len(before["opinions"]) > 0
    media = {
        n.removeprefix("media/"): d
        for n, d in manifest["files"].items()
        if n != "database/db.sqlite3"
    }
    assert {name: d["sha256"] for name, d in media.items()} == before["media"]
    assert any(name.startswith("opinions/") for name in media)  # the letters' PDFs
    assert any(name.startswith("documents/") for name in media)  # the attachments
    for name, digest in manifest["files"].items():
        assert len(members[name]) == digest["size"]


def test_backup_wipe_restore_gives_equal_rows_files_and_verified_opinions(site):
    install, empty_db, archive, before = site
    _wipe(install, empty_db)
    done = install.manage("restore", str(archive))
    assert "核对通过" in done.stdout
    after = install.snapshot()
    assert after["tables"] == before["tables"]
    assert after["media"] == before["media"]
    assert after["opinions"] == before["opinions"]
    assert after["opinions"] and all(ok and letter for _, ok, letter in after["opinions"])


def test_restore_into_a_non_empty_installation_is_refused_unless_forced(site):
    install, _, archive, before = site
    (install.media / "extra.txt").write_text("not in the backup")
    install.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; User.objects.create(username='late')",
    )
    db_before = file_hash(install.sqlite_file)

    refused = install.manage("restore", str(archive), ok=False)
    assert refused.returncode != 0
    assert "目标安装不是空的" in refused.stderr and "--force" in refused.stderr
    assert file_hash(install.sqlite_file) == db_before
    assert (install.media / "extra.txt").exists()

    install.manage("restore", "--force", str(archive))
    after = install.snapshot()
    assert after["tables"] == before["tables"]  # the late user is gone
    assert after["media"] == before["media"]  # and so is the extra file


@pytest.mark.parametrize("damage", sorted(BAD_ARCHIVES))
def test_damaged_archive_is_refused_before_anything_is_overwritten(site, damage, tmp_path):
    install, _, archive, _ = site
    make_bad, message = BAD_ARCHIVES[damage]
    bad = make_bad(archive, tmp_path / "bad.tar.gz")
    db_before, media_before = file_hash(install.sqlite_file), media_hashes(install.media)

    refused = install.manage("restore", "--force", str(bad), ok=False)

    assert refused.returncode != 0
    assert message in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr
    assert file_hash(install.sqlite_file) == db_before
    assert media_hashes(install.media) == media_before
    assert not (install.data_dir / "escaped.txt").exists()
    assert not list(install.data_dir.glob(".fazhi-restore-*"))  # staging cleaned up


def test_scheduled_backup_keeps_the_newest(site, tmp_path):
    install, _, _, _ = site
    out = tmp_path / "nightly"
    out.mkdir()
    (out / "notes.txt").write_text("kept: not an archive of ours")
    (out / "fazhi-backup-20200101-000000.tar.gz").write_bytes(b"oldest")
    for _ in range(3):
        install.manage("backup", "--scheduled", BACKUP_DIR=str(out), BACKUP_KEEP="2")
    names = sorted(p.name for p in out.iterdir())
    archives = [n for n in names if n.startswith("fazhi-backup-")]
    assert len(archives) == 2 and "fazhi-backup-20200101-000000.tar.gz" not in archives
    assert "notes.txt" in names
    check = install.manage("restore", "--check", str(out / archives[-1]))
    assert "备份文件完整" in check.stdout
