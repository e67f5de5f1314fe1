"""Where a manifest's attachments come from: a folder or a ZIP, read safely.

A ZIP from a clerk's PC is untrusted: a member may be named ``../../etc/x`` or ``/abs``,
be a symbolic link, or declare 1 GB (or lie about it). Nothing is extracted to disk:
members are read into memory one at a time, only after their declared size passed the
attachment limit (``ATTACHMENT_MAX_MB``), and never past that limit even if the header
lied. A folder is read the same way; a name that resolves outside it (``..``, a link)
is refused. Every refusal is a Chinese sentence the manifest row shows.
"""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from django.conf import settings


class Fetched(NamedTuple):
    data: bytes | None  # None when refused
    problem: str  # Chinese, '' when the file was read


def size_limit() -> int:
    return settings.ATTACHMENT_MAX_MB * 1024 * 1024


def _too_large(name: str, size: int) -> str:
    return (
        f"附件“{name}”过大（{size / 1024 / 1024:.1f} MB），"
        f"上限为 {settings.ATTACHMENT_MAX_MB} MB，请压缩或拆分后重新导入"
    )


def _unsafe(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or ":" in (path.parts[0] if path.parts else "")


def _clean_name(name: str) -> str:
    return "/".join(part for part in name.replace("\\", "/").split("/") if part not in ("", "."))


class NoFiles:
    """No folder or ZIP was given: every named file is missing."""

    label = ""

    def fetch(self, name: str) -> Fetched:
        return Fetched(None, f"附件“{name}”不存在：未提供附件文件夹或压缩包")


class FolderFiles:
    label: str

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.label = self.root.name

    def fetch(self, name: str) -> Fetched:
        if _unsafe(name):
            return Fetched(None, f"附件“{name}”的路径不安全（含“../”或绝对路径），已拒绝")
        path = self.root / _clean_name(name)
        if not path.exists() and not path.is_symlink():
            return Fetched(None, f"附件“{name}”在文件夹中不存在")
        if path.is_symlink() or not path.resolve().is_relative_to(self.root):
            return Fetched(None, f"附件“{name}”是符号链接或指向文件夹之外，已拒绝")
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return Fetched(None, f"附件“{name}”不是普通文件")
        if info.st_size > size_limit():
            return Fetched(None, _too_large(name, info.st_size))
        with path.open("rb") as handle:
            return Fetched(handle.read(size_limit() + 1), "")


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as the clerk wrote it: Windows zips store GBK without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


class ZipFiles:
    """Members of a ZIP, by their path and (when unambiguous) by their bare file name."""

    def __init__(self, source, label: str = ""):
        try:
            self.archive = zipfile.ZipFile(
                source if hasattr(source, "read") else io.BytesIO(source)
            )
        except (zipfile.BadZipFile, OSError) as error:
            raise ValueError("附件压缩包已损坏或不是ZIP文件，请重新打包后导入。") from error
        self.label = label
        self.by_path: dict[str, zipfile.ZipInfo] = {}
        self.by_name: dict[str, list[zipfile.ZipInfo]] = {}
        for info in self.archive.infolist():
            if info.is_dir():
                continue
            name = _member_name(info)
            self.by_path[name.replace("\\", "/")] = info
            self.by_name.setdefault(PurePosixPath(name.replace("\\", "/")).name, []).append(info)

    def _find(self, name: str) -> zipfile.ZipInfo | None:
        wanted = name.replace("\\", "/")
        if wanted in self.by_path:
            return self.by_path[wanted]
        found = self.by_name.get(PurePosixPath(wanted).name, [])
        return found[0] if len(found) == 1 else None

    def fetch(self, name: str) -> Fetched:
        if _unsafe(name):
            return Fetched(None, f"附件“{name}”的路径不安全（含“../”或绝对路径），已拒绝")
        info = self._find(name)
        if info is None:
            return Fetched(None, f"附件“{name}”在压缩包中不存在")
        member = _member_name(info)
        if _unsafe(member):
            return Fetched(
                None, f"压缩包中的“{member}”路径不安全（含“../”或绝对路径），已拒绝该文件"
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            return Fetched(None, f"压缩包中的“{member}”是符号链接，已拒绝该文件")
        if info.flag_bits & 0x1:
            return Fetched(None, f"压缩包中的“{member}”设置了压缩包密码，请去掉密码后重新打包")
        if info.file_size > size_limit():
            return Fetched(None, _too_large(name, info.file_size))
        try:
            with self.archive.open(info) as handle:
                data = handle.read(size_limit() + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            return Fetched(None, f"压缩包中的“{member}”无法读取（{error}）")
        if len(data) > size_limit():  # the header lied about the size
            return Fetched(None, _too_large(name, len(data)))
        return Fetched(data, "")


def file_source(path: str | Path | None):
    """A folder, a .zip path, or nothing."""
    if not path:
        return NoFiles()
    path = Path(path)
    if path.is_dir():
        return FolderFiles(path)
    if not path.is_file():
        raise ValueError(f"附件来源“{path}”不存在。")
    return ZipFiles(path.open("rb"), label=path.name)
