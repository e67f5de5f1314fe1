"""What a backup archive holds and how it proves itself (docs/operations.md).

An archive is one ``fazhi-backup-YYYYmmdd-HHMMSS.tar.gz`` with ``database/`` (the vendor's
own dump), ``media/`` (every uploaded file: attachments, images, opinion letters) and,
written last, ``manifest.json``: the SHA-256 and size of every other member, the row count
of every table in the dumped snapshot, the applied migrations and the versions it came
from. Restore reads the manifest and refuses an archive whose members do not match it.
"""

import hashlib
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path

FORMAT = "fazhi-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATABASE_DIR = "database"
MEDIA_DIR = "media"
ARCHIVE_PATTERN = re.compile(r"^fazhi-backup-\d{8}-\d{6}(-\d+)?\.tar\.gz$")
CHUNK = 1024 * 1024


def archive_name(*, moment: datetime, attempt: int = 1) -> str:
    suffix = "" if attempt == 1 else f"-{attempt}"
    return f"fazhi-backup-{moment:%Y%m%d-%H%M%S}{suffix}.tar.gz"


@dataclass
class FileDigest:
    sha256: str
    size: int

    def as_dict(self) -> dict:
        return {"sha256": self.sha256, "size": self.size}


class HashingReader:
    """Wraps a binary file: what is read through it is hashed and counted, so the digest
    is of exactly the bytes that went into (or came out of) the archive."""

    def __init__(self, raw):
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data

    def result(self) -> FileDigest:
        return FileDigest(self.digest.hexdigest(), self.size)


def file_digest(path: Path) -> FileDigest:
    with open(path, "rb") as handle:
        reader = HashingReader(handle)
        while reader.read(CHUNK):
            pass
    return reader.result()


def media_files(root: Path) -> list[tuple[str, Path]]:
    """Every regular file under ``root`` as (posix path relative to root, path), sorted."""
    if not root.is_dir():
        return []
    found = [
        (path.relative_to(root).as_posix(), path)
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink()
    ]
    return sorted(found)


def media_digests(root: Path) -> dict[str, dict]:
    return {rel: file_digest(path).as_dict() for rel, path in media_files(root)}


@dataclass
class Manifest:
    vendor: str
    created_at: str
    tables: dict[str, int]
    migrations: list[str]
    files: dict[str, dict] = field(default_factory=dict)
    database_file: str = ""
    server_version: str = ""
    versions: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": self.created_at,
            "versions": self.versions or software_versions(),
            "database": {
                "vendor": self.vendor,
                "server_version": self.server_version,
                "file": self.database_file,
            },
            "tables": dict(sorted(self.tables.items())),
            "migrations": sorted(self.migrations),
            "files": dict(sorted(self.files.items())),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Manifest":
        from ops.errors import OpsError

        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise OpsError("这不是本系统的备份文件（manifest.json 格式不符）。")
        if data.get("format_version") != FORMAT_VERSION:
            raise OpsError(
                f"备份格式版本为 {data.get('format_version')}，本程序只能恢复版本 "
                f"{FORMAT_VERSION}；请用生成该备份的程序版本恢复。"
            )
        try:
            database = data["database"]
            return cls(
                vendor=database["vendor"],
                server_version=database.get("server_version", ""),
                database_file=database["file"],
                created_at=data["created_at"],
                tables={str(k): int(v) for k, v in data["tables"].items()},
                migrations=[str(m) for m in data["migrations"]],
                files={
                    str(name): {"sha256": str(d["sha256"]), "size": int(d["size"])}
                    for name, d in data["files"].items()
                },
                versions=dict(data.get("versions") or {}),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise OpsError(f"备份文件的 manifest.json 内容不完整（{exc!r}）。") from exc


def software_versions() -> dict[str, str]:
    def version_of(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "unknown"

    return {
        "app": version_of("fazhi-cms"),
        "python": sys.version.split()[0],
        "django": version_of("Django"),
        "wagtail": version_of("wagtail"),
    }
