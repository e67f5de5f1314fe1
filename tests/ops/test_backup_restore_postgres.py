"""Backup → restore of a PostgreSQL installation into another, empty one (docs/operations.md).

Two databases of our own, ``ops_src`` and ``ops_dst`` (recreated by the fixture): the
source holds the demo bureau (the suite's demo snapshot, a template copy, with its media
written to its DATA_DIR); the target is the test database as ``migrate`` left it (a
template copy), with its own DATA_DIR. Skipped, with the reason,
when no PostgreSQL server or ``pg_dump`` is at hand.
"""

import json
import os
import shutil
import subprocess

import pytest

from tests.fixtures_demo import export_demo_installation
from tests.ops.installations import PG_URL, Installation, archive_members, truncated

PG = ["-h", "127.0.0.1", "-U", "postgres"]


def _psql_ok() -> str:
    if not shutil.which("pg_dump") or not shutil.which("createdb"):
        return "pg_dump/createdb not installed"
    done = subprocess.run(["psql", *PG, "-Atc", "select 1"], capture_output=True, text=True)
    return "" if done.returncode == 0 else f"no PostgreSQL at 127.0.0.1:5432: {done.stderr}"


# Once per CI run: in the PostgreSQL pass (the SQLite pass has its own installations).
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
pytestmark = [
    pytest.mark.skipif(not ON_POSTGRES, reason="runs in the PostgreSQL pass (DATABASE_URL)"),
    pytest.mark.skipif(bool(_psql_ok()), reason=_psql_ok() or "PostgreSQL available"),
    pytest.mark.django_db,  # the test database exists even when only this module runs
]


@pytest.fixture(scope="module")
def pair(tmp_path_factory, demo_snapshots, django_db_blocker):
    root = tmp_path_factory.mktemp("ops-pg")
    source = Installation(data_dir=root / "src", database_url=PG_URL.format(name="ops_src"))
    target = Installation(data_dir=root / "dst", database_url=PG_URL.format(name="ops_dst"))
    source.data_dir.mkdir()
    export_demo_installation(
        demo_snapshots,
        django_db_blocker,
        database="ops_src",
        media=source.media,
        empty_database="ops_dst",  # what `migrate` alone leaves
    )
    archive = source.backup(root / "backups")
    yield source, target, archive, source.snapshot()
    for name in ("ops_src", "ops_dst"):
        subprocess.run(["dropdb", *PG, "--if-exists", "--force", name], check=False)


def test_archive_is_a_pg_dump_with_the_snapshot_counts(pair):
    _, _, archive, before = pair
    members = archive_members(archive)
    manifest = json.loads(members["manifest.json"])
    assert manifest["database"]["vendor"] == "postgresql"
    assert members["database/db.dump"].startswith(b"PGDMP")  # pg_dump's custom format
    assert manifest["tables"] == before["tables"]


def test_damaged_or_refused_restore_leaves_the_target_untouched(pair, tmp_path):
    source, target, archive, before = pair
    empty = target.snapshot()
    bad = truncated(archive, tmp_path / "cut.tar.gz")
    refused = target.manage("restore", str(bad), ok=False)
    assert refused.returncode != 0 and "备份文件已损坏或不完整" in refused.stderr
    assert target.snapshot() == empty

    refused = source.manage("restore", str(archive), ok=False)  # the source is not empty
    assert "目标安装不是空的" in refused.stderr
    assert source.snapshot() == before


def test_restore_into_an_empty_installation_gives_equal_rows_files_and_opinions(pair):
    _, target, archive, before = pair
    done = target.manage("restore", str(archive))
    assert "核对通过" in done.stdout
    after = target.snapshot()
    assert after["tables"] == before["tables"]
    assert after["media"] == before["media"]
    assert after["opinions"] == before["opinions"]
    assert after["opinions"] and all(ok and letter for _, ok, letter in after["opinions"])
