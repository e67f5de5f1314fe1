"""Restoring an archive into an installation (docs/operations.md).

Order matters: the whole archive is unpacked into a staging folder beside the media
folder and checked against its manifest — readable to the end, every member listed with
the right size and SHA-256, nothing unlisted, the same database vendor, no migration this
program does not know — and the target is checked for emptiness, all before anything is
overwritten. Only then are the database and the media replaced; afterwards every table's
row count and every file's hash are compared with the manifest and every legal opinion is
verified against the revision it judged.
"""

import gzip
import json
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from ops import database
from ops.backup import media_root
from ops.checks import emptiness_problems, opinion_problems
from ops.errors import OpsError
from ops.manifest import (
    CHUNK,
    DATABASE_DIR,
    MANIFEST_NAME,
    MEDIA_DIR,
    HashingReader,
    Manifest,
    media_digests,
)


@dataclass
class RestoreReport:
    manifest: Manifest
    tables: int = 0
    rows: int = 0
    media_files: int = 0
    opinions: int = 0
    problems: list[str] = field(default_factory=list)
    pending_migrations: list[str] = field(default_factory=list)


def archive_verify(*, archive: Path) -> Manifest:
    """Check a whole archive without changing anything (``restore --check``)."""
    media = media_root()
    media.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media.parent, prefix=".fazhi-restore-") as staging:
        return _unpack_verified(archive=Path(archive), staging=Path(staging))


def restore_archive(*, archive: Path, force: bool = False) -> RestoreReport:
    media = media_root()
    media.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media.parent, prefix=".fazhi-restore-") as staging:
        staging = Path(staging)
        manifest = _unpack_verified(archive=Path(archive), staging=staging)
        problems = emptiness_problems(media=media)
        if problems and not force:
            raise OpsError(
                "目标安装不是空的（" + "；".join(problems) + "），恢复会覆盖现有数据，已拒绝。"
                "确需覆盖请先备份现有数据，再加 --force。"
            )
        database.database_restore(dump=staging / manifest.database_file)
        _replace_media(staged=staging / MEDIA_DIR, media=media, manifest=manifest)
    return _report(manifest=manifest, media=media)


def _unpack_verified(*, archive: Path, staging: Path) -> Manifest:
    if not archive.is_file():
        raise OpsError(f"找不到备份文件 {archive}。")
    found = _unpack(archive=archive, staging=staging)
    if MANIFEST_NAME not in found:
        raise OpsError(
            "备份文件中没有 manifest.json（文件不完整或不是本系统的备份），未作任何改动。"
        )
    try:
        data = json.loads((staging / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OpsError(f"备份文件的 manifest.json 无法读取（{exc}），未作任何改动。") from exc
    manifest = Manifest.from_dict(data)
    del found[MANIFEST_NAME]
    _compare_members(manifest=manifest, found=found)
    if manifest.vendor != connection.vendor:
        raise OpsError(
            f"备份来自 {manifest.vendor} 数据库，当前配置的是 {connection.vendor}，不能直接恢复。"
        )
    known, apps = _known_migrations()
    if manifest.database_file != f"{DATABASE_DIR}/{database.dump_name(manifest.vendor)}":
        raise OpsError(
            f"备份清单中的数据库文件 {manifest.database_file} 不符合格式，未作任何改动。"
        )
    unknown = sorted(m for m in set(manifest.migrations) - known if m.split(".")[0] in apps)
    if unknown:
        raise OpsError(
            "备份来自较新的程序版本（含本程序没有的数据库迁移："
            + "、".join(unknown[:5])
            + "），请先把程序升级到该版本再恢复。"
        )
    return manifest


def _unpack(*, archive: Path, staging: Path) -> dict[str, dict]:
    """Extract every member into ``staging`` while hashing it; refuse unsafe names."""
    found: dict[str, dict] = {}
    try:
        with tarfile.open(archive, "r:*") as tar:
            for member in tar:
                _unpack_member(tar, member, staging=staging, found=found)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise OpsError(f"备份文件已损坏或不完整（{exc}），未作任何改动。") from exc
    except OSError as exc:
        raise OpsError(f"解开备份文件时出错（{exc}；请检查磁盘空间），未作任何改动。") from exc
    return found


def _unpack_member(tar, member, *, staging: Path, found: dict) -> None:
    if member.isdir():
        return
    name = _safe_name(member.name)
    if not member.isfile():
        raise OpsError(f"备份文件含不允许的成员 {member.name}（只能是普通文件），未作任何改动。")
    if name in found:
        raise OpsError(f"备份文件中 {name} 出现了两次，未作任何改动。")
    target = staging / name
    target.parent.mkdir(parents=True, exist_ok=True)
    source = tar.extractfile(member)
    reader = HashingReader(source)
    with open(target, "wb") as out:
        while chunk := reader.read(CHUNK):
            out.write(chunk)
    found[name] = reader.result().as_dict()


def _safe_name(name: str) -> str:
    path = PurePosixPath(name)
    top = path.parts[0] if path.parts else ""
    if (
        path.is_absolute()
        or ".." in path.parts
        or "\\" in name
        or (name != MANIFEST_NAME and top not in (DATABASE_DIR, MEDIA_DIR))
        or (top in (DATABASE_DIR, MEDIA_DIR) and len(path.parts) < 2)
    ):
        raise OpsError(f"备份文件含不允许的路径 {name}，未作任何改动。")
    return path.as_posix()


def _compare_members(*, manifest: Manifest, found: dict[str, dict]) -> None:
    missing = sorted(set(manifest.files) - set(found))
    extra = sorted(set(found) - set(manifest.files))
    changed = sorted(
        name for name in manifest.files if name in found and found[name] != manifest.files[name]
    )
    if manifest.database_file not in manifest.files:
        missing.append(manifest.database_file)
    for label, names in (("缺少", missing), ("多出未登记的", extra), ("内容与清单不符的", changed)):
        if names:
            shown = "、".join(names[:5]) + ("等" if len(names) > 5 else "")
            raise OpsError(
                f"备份文件{label}文件 {len(names)} 个（{shown}），已拒绝恢复，未作任何改动。"
            )


def _known_migrations() -> tuple[set[str], set[str]]:
    """This program's migrations, and the apps that have them (records of apps no longer
    installed are not a sign of a newer version)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}, set(loader.migrated_apps)


def _replace_media(*, staged: Path, media: Path, manifest: Manifest) -> None:
    """Put the archived files in place and remove files the archive does not have (only
    reached for an empty installation, or with --force)."""
    wanted = {
        name[len(MEDIA_DIR) + 1 :] for name in manifest.files if name.startswith(f"{MEDIA_DIR}/")
    }
    for path in sorted(media.rglob("*"), reverse=True):
        rel = path.relative_to(media).as_posix()
        if (path.is_file() or path.is_symlink()) and rel not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for rel in sorted(wanted):
        target = media / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staged / rel, target)


def _report(*, manifest: Manifest, media: Path) -> RestoreReport:
    report = RestoreReport(manifest=manifest)
    live = database.live_snapshot()
    for table, rows in manifest.tables.items():
        if live.tables.get(table) != rows:
            report.problems.append(
                f"数据表 {table} 应有 {rows} 行，恢复后为 {live.tables.get(table, '（不存在）')}。"
            )
    report.tables, report.rows = len(manifest.tables), sum(manifest.tables.values())
    expected = {
        name[len(MEDIA_DIR) + 1 :]: digest
        for name, digest in manifest.files.items()
        if name.startswith(f"{MEDIA_DIR}/")
    }
    actual = media_digests(media)
    for rel in sorted(set(expected) | set(actual)):
        if expected.get(rel) != actual.get(rel):
            report.problems.append(f"上传文件 {rel} 与备份清单不一致。")
    report.media_files = len(expected)
    report.pending_migrations = sorted(_known_migrations()[0] - set(live.migrations))
    if not report.pending_migrations:  # the models read an older schema only after migrate
        report.opinions, opinion_issues = opinion_problems()
        report.problems += opinion_issues
    return report
