"""The database part of a backup, with each vendor's own consistent tools.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies the live database
page by page into a file while the site keeps running; the row counts are then read from
that copy, so they describe exactly what was saved. PostgreSQL: a REPEATABLE READ
transaction exports its snapshot, ``pg_dump --snapshot`` dumps that snapshot and the row
counts are taken in the same transaction, so dump and counts agree even while users
work. Restore uses the backup API again (SQLite) or ``pg_restore --clean --if-exists
--no-owner --single-transaction`` (PostgreSQL: all or nothing).
"""

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connection as default_connection
from django.db import transaction

from ops.errors import OpsError

DUMP_NAMES = {"sqlite": "db.sqlite3", "postgresql": "db.dump"}


@dataclass
class Snapshot:
    tables: dict[str, int]
    migrations: list[str]
    server_version: str


def dump_name(vendor: str) -> str:
    if vendor not in DUMP_NAMES:
        raise OpsError(f"不支持备份 {vendor} 数据库，只支持 SQLite 和 PostgreSQL。")
    return DUMP_NAMES[vendor]


def database_dump(*, target: Path, connection=default_connection) -> Snapshot:
    dump_name(connection.vendor)
    if connection.vendor == "sqlite":
        return _sqlite_dump(connection=connection, target=target)
    return _postgres_dump(connection=connection, target=target)


def database_restore(*, dump: Path, connection=default_connection) -> None:
    dump_name(connection.vendor)
    connection.close()  # no transaction or lock of ours stays open across the restore
    if connection.vendor == "sqlite":
        _sqlite_copy(source=dump, target=Path(_sqlite_path(connection)))
    else:
        _postgres_restore(connection=connection, dump=dump)


def live_snapshot(*, connection=default_connection) -> Snapshot:
    """Row counts and applied migrations of the configured database as it is now."""
    if connection.vendor == "sqlite":
        with _sqlite_open(_sqlite_path(connection)) as db:
            return _sqlite_snapshot(db)
    with connection.cursor() as cursor:
        return _postgres_snapshot(cursor, connection)


# SQLite ---------------------------------------------------------------------------------


def _sqlite_path(connection) -> str:
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        raise OpsError("当前数据库在内存中，无法备份或恢复；请使用数据库文件。")
    return name


def _sqlite_open(path: str):
    class _Closing:
        def __enter__(self):
            self.db = sqlite3.connect(path, timeout=30)
            return self.db

        def __exit__(self, *exc):
            self.db.close()

    return _Closing()


def _sqlite_dump(*, connection, target: Path) -> Snapshot:
    source = Path(_sqlite_path(connection))
    if not source.is_file():
        raise OpsError(f"找不到数据库文件 {source}。")
    _sqlite_copy(source=source, target=target)
    with _sqlite_open(str(target)) as copy:
        return _sqlite_snapshot(copy)


def _sqlite_copy(*, source: Path, target: Path) -> None:
    try:
        with _sqlite_open(str(source)) as src, _sqlite_open(str(target)) as dst:
            src.backup(dst)
    except sqlite3.Error as exc:
        raise OpsError(
            f"复制 SQLite 数据库失败（{exc}）；如提示数据库被锁定，请先停止服务再恢复。"
        ) from exc


def _sqlite_snapshot(db: sqlite3.Connection) -> Snapshot:
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    tables = {name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}
    migrations = []
    if "django_migrations" in tables:
        migrations = [f"{a}.{n}" for a, n in db.execute("SELECT app, name FROM django_migrations")]
    version = db.execute("SELECT sqlite_version()").fetchone()[0]
    return Snapshot(tables=tables, migrations=migrations, server_version=version)


# PostgreSQL -----------------------------------------------------------------------------


def _postgres_snapshot(cursor, connection) -> Snapshot:
    names = connection.introspection.table_names(cursor)
    qn = connection.ops.quote_name
    tables = {}
    for name in names:
        cursor.execute(f"SELECT COUNT(*) FROM {qn(name)}")
        tables[name] = cursor.fetchone()[0]
    migrations = []
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations")
        migrations = [f"{a}.{n}" for a, n in cursor.fetchall()]
    return Snapshot(tables, migrations, str(connection.pg_version))


def _postgres_dump(*, connection, target: Path) -> Snapshot:
    tool = _pg_tool("pg_dump")
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    tool_major = _tool_major(tool)
    if tool_major < server_major:
        raise OpsError(
            f"pg_dump 的版本（{tool_major}）低于数据库服务器（{server_major}），无法备份；"
            f"请安装 PostgreSQL {server_major} 的客户端（如 postgresql-client-{server_major}）。"
        )
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot_id = cursor.fetchone()[0]
        args = [tool, "--format=custom", f"--snapshot={snapshot_id}", f"--file={target}"]
        _run([*args, _dbname(connection)], connection=connection, action="备份")
        return _postgres_snapshot(cursor, connection)


def _postgres_restore(*, connection, dump: Path) -> None:
    tool = _pg_tool("pg_restore")
    args = [tool, "--clean", "--if-exists", "--no-owner", "--single-transaction"]
    args += ["--exit-on-error", f"--dbname={_dbname(connection)}", str(dump)]
    _run(args, connection=connection, action="恢复")


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise OpsError(
            f"未找到 {name}：请安装与数据库服务器主版本相同的 PostgreSQL 客户端"
            "（如 apt-get install postgresql-client）后重试。"
        )
    return found


def _tool_major(tool: str) -> int:
    output = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(match.group(1)) if match else 0


def _dbname(connection) -> str:
    return str(connection.settings_dict["NAME"])


def _run(args: list[str], *, connection, action: str) -> None:
    settings = connection.settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings.get(key):
            env[var] = str(settings[key])
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    if (settings.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = settings["OPTIONS"]["sslmode"]
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-800:]
        raise OpsError(f"PostgreSQL {action}失败（{Path(args[0]).name}）：{detail}")
