"""With REDIS_URL set, every worker shares the API rate limit and answer cache; Redis down fails open.

Against the real Redis at 127.0.0.1:6379 (db 5, a unique key prefix per test, only that
prefix's keys deleted afterwards). Two worker processes are two cache backend instances
built from the same settings, each with its own connection pool: the test serves each
request through one or the other, as a load balancer over gunicorn workers would.
"""

import logging
import socket
import uuid

import pytest
import redis
from django.core.cache import caches

from cms.cache_backends import FailOpenRedisCache
from cms.settings.base import caches_from_env

pytestmark = pytest.mark.django_db
REDIS_DB_URL = "redis://127.0.0.1:6379/5"
URL = "/api/v2/documents/"


def redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def shared_redis(settings):
    """CACHES as production builds it from REDIS_URL; yields a raw client and the prefix."""
    if not redis_reachable():
        pytest.skip("Redis 未运行于 127.0.0.1:6379（本机与 CI 均应运行），跳过共享缓存测试")
    prefix = f"test-shared-cache-{uuid.uuid4().hex}"
    settings.CACHES = caches_from_env({"REDIS_URL": REDIS_DB_URL, "CACHE_KEY_PREFIX": prefix})
    raw = redis.Redis.from_url(REDIS_DB_URL)
    yield raw, prefix
    keys = list(raw.scan_iter(match=f"{prefix}:*"))
    if keys:
        raw.delete(*keys)
    raw.close()


def two_workers():
    first = caches["default"]
    second = caches.create_connection("default")
    assert isinstance(first, FailOpenRedisCache) and isinstance(second, FailOpenRedisCache)
    assert first is not second
    return first, second


def serve(client, worker, path=URL):
    caches["default"] = worker  # this request is handled by that worker's cache
    return client.get(path)


def test_two_workers_share_one_rate_limit(portal, client, settings, shared_redis):
    raw, prefix = shared_redis
    settings.API_RATE_LIMIT = "4/d"  # a day's window: the test never straddles its edge
    first, second = two_workers()
    allowed = [serve(client, worker).status_code for worker in (first, second, first, second)]
    over = [serve(client, first), serve(client, second)]
    assert allowed == [200, 200, 200, 200]  # per process it would be 4 each, 8 in all
    assert [response.status_code for response in over] == [429, 429]
    for response in over:
        assert "请求过于频繁（每86400秒最多4次）" in response.json()["detail"]
        assert 1 <= int(response["Retry-After"]) <= 86400
    (counter,) = raw.scan_iter(match=f"{prefix}:*ratelimit:*")
    assert int(raw.get(counter)) == 6  # the count lives in Redis, not in either process


def test_an_answer_cached_by_one_worker_is_replayed_by_the_other(
    portal, client, settings, shared_redis
):
    raw, prefix = shared_redis
    settings.API_RATE_LIMIT = ""
    first, second = two_workers()
    computed = serve(client, first)
    replayed = serve(client, second)
    assert computed.status_code == replayed.status_code == 200
    assert (computed["X-Api-Cache"], replayed["X-Api-Cache"]) == ("miss", "hit")
    assert replayed.json() == computed.json()
    assert list(raw.scan_iter(match=f"{prefix}:*cms-api-answer:*"))


def test_redis_down_the_api_and_portal_still_answer(portal, client, settings, caplog):
    settings.CACHES = caches_from_env({"REDIS_URL": f"redis://127.0.0.1:{closed_port()}/5"})
    settings.API_RATE_LIMIT = "1/d"
    with caplog.at_level(logging.WARNING, logger="cms.cache_backends"):
        answers = [client.get(URL) for _ in range(3)]
        page = client.get(portal["dibao"].url)
    assert [answer.status_code for answer in answers] == [200, 200, 200]  # no 500, no 429
    assert [answer["X-Api-Cache"] for answer in answers] == ["miss", "miss", "miss"]
    assert {item["title"] for item in answers[0].json()["items"]} >= {"城乡最低生活保障实施细则"}
    assert page.status_code == 200
    warnings = [
        record.getMessage() for record in caplog.records if record.name == "cms.cache_backends"
    ]
    assert len(warnings) == 1  # then Redis is left alone for RETRY_SECONDS: one line, not many
    assert "缓存服务器（Redis）不可用" in warnings[0]


def test_a_down_redis_reads_as_empty_and_forgets_writes(settings):
    settings.CACHES = caches_from_env({"REDIS_URL": f"redis://127.0.0.1:{closed_port()}/5"})
    backend = caches["default"]
    backend.set("answer", b"body", 60)
    assert backend.get("answer", "absent") == "absent"
    assert backend.add("counter", 0, 60) is True
    with pytest.raises(ValueError):  # what the rate limiter reads as "not counted"
        backend.incr("counter")
    assert backend.get_many(["answer", "counter"]) == {}
    assert backend.delete("answer") is False
