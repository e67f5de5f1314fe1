"""A real installation in a temporary DATA_DIR, driven through ``manage.py`` subprocesses.

Backup and restore replace a whole database and media folder, so the tests run them the
way an operator does: separate processes against their own SQLite file or PostgreSQL
database, never the test process's own database.
"""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"

SNAPSHOT_CODE = """
import json
from django.db import connection
from review.gate import opinion_verifies
from review.models import LegalOpinion
with connection.cursor() as cursor:
    tables = {}
    for name in connection.introspection.table_names(cursor):
        cursor.execute("SELECT COUNT(*) FROM " + connection.ops.quote_name(name))
        tables[name] = cursor.fetchone()[0]
opinions = [
    [o.number, opinion_verifies(o), bool(o.letter) and o.letter.storage.exists(o.letter.name)]
    for o in LegalOpinion.objects.select_related("revision").order_by("pk")
]
print(json.dumps({"tables": tables, "opinions": opinions}))
"""


@dataclass
class Installation:
    data_dir: Path
    database_url: str = ""

    @property
    def media(self) -> Path:
        return self.data_dir / "media"

    @property
    def sqlite_file(self) -> Path:
        return self.data_dir / "db.sqlite3"

    def env(self, **extra) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "ELASTICSEARCH_URL"}}
        env.update(DJANGO_SETTINGS_MODULE="cms.settings.dev", DATA_DIR=str(self.data_dir))
        env.pop("DATABASE_URL", None)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        env.update(extra)
        return env

    def manage(self, *args: str, ok: bool = True, **env) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(**env),
            capture_output=True,
            text=True,
        )
        if ok:
            assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
        return done

    def snapshot(self) -> dict:
        output = self.manage("shell", "--no-imports", "-c", SNAPSHOT_CODE).stdout
        tables_and_opinions = json.loads(output.strip().splitlines()[-1])
        return {**tables_and_opinions, "media": media_hashes(self.media)}

    def backup(self, out: Path) -> Path:
        done = self.manage("backup", "--out", str(out))
        return Path(done.stdout.strip().splitlines()[-1])


def media_hashes(root: Path) -> dict[str, str]:
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def archive_members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}


def write_archive(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def truncated(archive: Path, out: Path) -> Path:
    data = archive.read_bytes()
    out.write_bytes(data[: len(data) * 2 // 3])
    return out


def with_flipped_media_byte(archive: Path, out: Path) -> Path:
    members = archive_members(archive)
    name = next(n for n in members if n.startswith("media/documents/"))
    data = bytearray(members[name])
    data[len(data) // 2] ^= 0x01
    members[name] = bytes(data)
    return write_archive(out, members)


def without_manifest(archive: Path, out: Path) -> Path:
    members = archive_members(archive)
    del members["manifest.json"]
    return write_archive(out, members)


def with_escaping_member(archive: Path, out: Path) -> Path:
    members = archive_members(archive)
    members = {"../escaped.txt": b"outside", **members}
    return write_archive(out, members)


BAD_ARCHIVES = {
    "truncated": (truncated, "备份文件已损坏或不完整"),
    "flipped byte in a media file": (with_flipped_media_byte, "内容与清单不符"),
    "missing manifest": (without_manifest, "没有 manifest.json"),
    "member outside the archive": (with_escaping_member, "不允许的路径"),
}
