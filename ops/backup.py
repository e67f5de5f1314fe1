"""Writing a backup archive, and keeping only the newest ones (docs/operations.md).

The database is dumped first and the media folder walked afterwards, so every file a
saved row refers to is in the archive (a file uploaded meanwhile is extra, never
missing). The archive is written under a hidden temporary name in the target folder and
renamed only when complete and flushed to disk: a half-written archive never carries the
name of a backup, and retention never counts it.
"""

import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.utils import timezone

from ops import database
from ops.errors import OpsError
from ops.manifest import (
    ARCHIVE_PATTERN,
    DATABASE_DIR,
    MANIFEST_NAME,
    MEDIA_DIR,
    HashingReader,
    Manifest,
    archive_name,
    media_files,
)


@dataclass
class BackupResult:
    archive: Path
    manifest: Manifest
    removed: list[Path]


def media_root() -> Path:
    """The folder of uploaded files; only a local file-system storage can be backed up."""
    if not isinstance(default_storage, FileSystemStorage):
        raise OpsError(
            "上传文件没有保存在本机文件夹（默认存储不是 FileSystemStorage），"
            "本命令无法备份或恢复它们。"
        )
    return Path(default_storage.location).resolve()


def backup_create(*, out_dir: Path, keep: int | None = None) -> BackupResult:
    """Write one archive of the database and all media into ``out_dir``; then, when
    ``keep`` is given, delete the oldest of our archives beyond that many."""
    out_dir = Path(out_dir).resolve()
    media = media_root()
    if out_dir == media or media in out_dir.parents:
        raise OpsError(f"备份目录 {out_dir} 位于上传文件目录之内，会被网站公开，请另选目录。")
    if keep is not None and keep < 1:
        raise OpsError("保留份数至少为 1。")
    out_dir.mkdir(parents=True, exist_ok=True)
    moment = timezone.localtime()
    handle, partial = tempfile.mkstemp(dir=out_dir, prefix=".fazhi-backup-", suffix=".partial")
    os.close(handle)
    partial = Path(partial)
    try:
        manifest = _write_archive(path=partial, media=media, moment=moment)
        final = _final_path(out_dir=out_dir, moment=moment)
        os.replace(partial, final)
        _fsync_dir(out_dir)
    finally:
        partial.unlink(missing_ok=True)
    removed = backup_prune(out_dir=out_dir, keep=keep) if keep is not None else []
    return BackupResult(archive=final, manifest=manifest, removed=removed)


def backup_prune(*, out_dir: Path, keep: int) -> list[Path]:
    """Delete the oldest archives named like ours beyond the newest ``keep``; other files
    in the folder are never touched."""
    archives = sorted(
        (path for path in Path(out_dir).iterdir() if ARCHIVE_PATTERN.match(path.name)),
        key=lambda path: (path.name[:28], path.stat().st_mtime),
    )
    doomed = archives[: max(len(archives) - keep, 0)]
    for path in doomed:
        path.unlink()
    return doomed


def _write_archive(*, path: Path, media: Path, moment) -> Manifest:
    vendor = connection.vendor
    dump_file = f"{DATABASE_DIR}/{database.dump_name(vendor)}"
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".fazhi-dump-") as scratch:
        dump = Path(scratch) / database.dump_name(vendor)
        snapshot = database.database_dump(target=dump)
        manifest = Manifest(
            vendor=vendor,
            created_at=moment.isoformat(timespec="seconds"),
            tables=snapshot.tables,
            migrations=snapshot.migrations,
            database_file=dump_file,
            server_version=snapshot.server_version,
        )
        with tarfile.open(path, "w:gz", compresslevel=6) as tar:
            manifest.files[dump_file] = _add_file(tar, name=dump_file, source=dump)
            for rel, source in media_files(media):
                name = f"{MEDIA_DIR}/{rel}"
                manifest.files[name] = _add_file(tar, name=name, source=source)
            _add_bytes(tar, name=MANIFEST_NAME, data=_manifest_bytes(manifest))
        with open(path, "rb+") as done:
            os.fsync(done.fileno())
    return manifest


def _add_file(tar: tarfile.TarFile, *, name: str, source: Path) -> dict:
    with open(source, "rb") as handle:
        info = tarfile.TarInfo(name)
        stat = os.fstat(handle.fileno())
        info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o644
        reader = HashingReader(handle)
        tar.addfile(info, reader)  # reads exactly info.size bytes, or fails
    return reader.result().as_dict()


def _add_bytes(tar: tarfile.TarFile, *, name: str, data: bytes) -> None:
    import io

    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o644
    tar.addfile(info, io.BytesIO(data))


def _manifest_bytes(manifest: Manifest) -> bytes:
    return json.dumps(manifest.as_dict(), ensure_ascii=False, indent=1).encode("utf-8")


def _final_path(*, out_dir: Path, moment) -> Path:
    attempt = 1
    while (out_dir / archive_name(moment=moment, attempt=attempt)).exists():
        attempt += 1
    return out_dir / archive_name(moment=moment, attempt=attempt)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def scheduled_settings() -> tuple[Path, int]:
    return Path(settings.BACKUP_DIR), int(settings.BACKUP_KEEP)
