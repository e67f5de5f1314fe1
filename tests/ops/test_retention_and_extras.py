"""Retention of backup archives and the Chinese refusal of a missing optional package."""

import os

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings.base import caches_from_env, require_extra
from ops.backup import backup_prune


def test_retention_deletes_only_our_oldest_archives(tmp_path):
    stamps = ["20261128-020000", "20261129-020000", "20261130-020000", "20261201-020000"]
    for stamp in stamps:
        (tmp_path / f"fazhi-backup-{stamp}.tar.gz").write_bytes(b"x")
    (tmp_path / "fazhi-backup-20261201-020000-2.tar.gz").write_bytes(b"x")  # same second
    others = ["notes.txt", "fazhi-backup-manual.tar.gz", ".fazhi-backup-abc.partial"]
    for name in others:
        (tmp_path / name).write_bytes(b"keep")

    removed = backup_prune(out_dir=tmp_path, keep=2)

    assert sorted(p.name for p in removed) == [f"fazhi-backup-{s}.tar.gz" for s in stamps[:3]]
    assert sorted(os.listdir(tmp_path)) == sorted(
        [*others, "fazhi-backup-20261201-020000.tar.gz", "fazhi-backup-20261201-020000-2.tar.gz"]
    )


def test_a_configured_service_without_its_package_is_refused_in_chinese():
    with pytest.raises(ImproperlyConfigured) as refused:
        require_extra(setting="REDIS_URL", module="no_such_package_here", extra="redis")
    assert "REDIS_URL" in str(refused.value)
    assert "fazhi-cms[redis]" in str(refused.value)
    require_extra(setting="REDIS_URL", module="redis", extra="redis")  # installed: no error


def test_redis_url_needs_the_redis_extra_only_when_set():
    assert caches_from_env({})["default"]["BACKEND"].endswith("LocMemCache")
    assert caches_from_env({"REDIS_URL": "redis://127.0.0.1:6379/1"})["default"]["BACKEND"] == (
        "cms.cache_backends.FailOpenRedisCache"
    )
