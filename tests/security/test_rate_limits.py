"""Finding 11: behind the documented reverse proxy, limits count each client, not the proxy.

Every request here comes from the proxy (REMOTE_ADDR 10.0.0.2, as Nginx on the same LAN
would connect) and names the client in the header the deployment trusts. One limiter
(django-ratelimit in ``cms.ratelimits``) serves the public comments and the API, on the
shared cache: with Redis at 127.0.0.1:6379 two worker processes share one count.
"""

import logging
import socket
import uuid

import pytest
import redis
from django.core.cache import cache, caches

from cms import ratelimits
from cms.models import PublicComment
from cms.settings.base import caches_from_env
from tests import factories
from tests.portal.conftest import open_for_consultation

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
ALICE, BOB = "203.0.113.7", "198.51.100.9"
REDIS_DB_URL = "redis://127.0.0.1:6379/5"
API = "/api/v2/power-list/"


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def consultation(site_tree, jiuzhu):
    page = factories.make_document(jiuzhu, title="关于调整困难群众救助标准的通知（征求意见稿）")
    return open_for_consultation(page)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.COMMENT_RATE_LIMIT = "5/10m"


def comment(client, page, forwarded_for: str, text="建议明确救助资金的发放时限。"):
    data = {"name": "", "contact": "", "text": text, "website": ""}
    return client.post(
        f"/consultations/{page.pk}/", data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for
    )


def test_five_comments_from_one_client_behind_the_proxy_leave_the_consultation_open_to_others(
    client, consultation, behind_proxy
):
    kept = [comment(client, consultation, ALICE, f"第{n}条").status_code for n in range(5)]
    sixth = comment(client, consultation, ALICE, "第6条")
    assert kept == [302] * 5
    assert sixth.status_code == 429
    assert "同一网络地址10分钟内最多提交5条意见" in sixth.content.decode()
    assert comment(client, consultation, BOB, "另一位市民的意见").status_code == 302
    assert PublicComment.objects.count() == 6


def test_a_client_cannot_escape_the_limit_by_writing_its_own_forwarded_for_entries(
    client, consultation, behind_proxy
):
    # The proxy appends the address it saw; whatever the client wrote stays on the left.
    statuses = [
        comment(client, consultation, f"192.0.2.{n}, {ALICE}", f"第{n}条").status_code
        for n in range(7)
    ]
    assert statuses == [302] * 5 + [429] * 2


def test_comments_from_two_clients_are_kept_with_different_address_hashes(
    client, consultation, behind_proxy
):
    comment(client, consultation, ALICE)
    comment(client, consultation, BOB)
    hashes = set(PublicComment.objects.values_list("ip_hash", flat=True))
    assert len(hashes) == 2


def test_without_a_configured_header_the_forwarded_for_header_is_not_believed(
    client, consultation, settings
):
    settings.TRUSTED_PROXY_HEADER = ""
    settings.API_TRUSTED_PROXY_HEADER = ""
    statuses = [
        comment(client, consultation, f"192.0.2.{n}", f"第{n}条").status_code for n in range(6)
    ]
    assert statuses == [302] * 5 + [429]  # all from REMOTE_ADDR, whatever the header says


def test_a_forwarded_value_that_is_not_an_address_counts_as_the_proxy_itself(
    rf, settings, behind_proxy
):
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="<script>")
    assert ratelimits.client_address(request) == PROXY


def test_the_older_api_setting_name_still_names_the_trusted_header(site_tree, client, settings):
    settings.TRUSTED_PROXY_HEADER = ""
    settings.API_TRUSTED_PROXY_HEADER = "X-Real-IP"
    settings.API_RATE_LIMIT = "2/d"
    alice = [client.get(API, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=ALICE) for _ in range(3)]
    bob = client.get(API, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=BOB)
    assert [answer.status_code for answer in alice] == [200, 200, 429]
    assert "请求过于频繁（每86400秒最多2次）" in alice[2].json()["detail"]
    assert bob.status_code == 200


def test_the_api_and_the_comments_count_separately(client, consultation, behind_proxy, settings):
    settings.API_RATE_LIMIT = "2/d"
    for _ in range(2):
        client.get(API, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ALICE)
    assert comment(client, consultation, ALICE).status_code == 302


def test_a_rate_of_zero_or_nothing_switches_a_limit_off():
    assert ratelimits.parse_rate("0") is None
    assert ratelimits.parse_rate("") is None
    assert ratelimits.parse_rate("5/10m") == (5, 600)
    assert ratelimits.parse_rate("120/m") == (120, 60)


# --- the shared cache ------------------------------------------------------------------


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
    if not redis_reachable():
        pytest.skip("Redis 未运行于 127.0.0.1:6379，跳过共享缓存上的限流测试")
    prefix = f"test-rate-limits-{uuid.uuid4().hex}"
    settings.CACHES = caches_from_env({"REDIS_URL": REDIS_DB_URL, "CACHE_KEY_PREFIX": prefix})
    raw = redis.Redis.from_url(REDIS_DB_URL)
    yield raw, prefix
    keys = list(raw.scan_iter(match=f"{prefix}:*"))
    if keys:
        raw.delete(*keys)
    raw.close()


def test_two_workers_behind_the_proxy_share_one_comment_count_in_redis(
    client, consultation, behind_proxy, shared_redis
):
    raw, prefix = shared_redis
    first, second = caches["default"], caches.create_connection("default")
    assert first is not second
    statuses = []
    for n in range(6):
        caches["default"] = (first, second)[n % 2]  # the load balancer alternates workers
        statuses.append(comment(client, consultation, ALICE, f"第{n}条").status_code)
    caches["default"] = first
    assert statuses == [302] * 5 + [429]  # per process it would be 5 each
    assert comment(client, consultation, BOB).status_code == 302
    assert list(raw.scan_iter(match=f"{prefix}:*ratelimit:*"))  # the counts live in Redis


def test_with_redis_down_comments_are_taken_and_a_warning_is_logged(
    client, consultation, behind_proxy, settings, caplog
):
    settings.CACHES = caches_from_env({"REDIS_URL": f"redis://127.0.0.1:{closed_port()}/5"})
    settings.COMMENT_RATE_LIMIT = "1/d"
    with caplog.at_level(logging.WARNING, logger="cms.cache_backends"):
        statuses = [comment(client, consultation, ALICE, f"第{n}条").status_code for n in range(3)]
    assert statuses == [302, 302, 302]  # the limit pauses, the site keeps serving
    assert PublicComment.objects.count() == 3
    assert any("缓存服务器（Redis）不可用" in record.getMessage() for record in caplog.records)


def test_a_request_without_any_address_is_counted_not_a_500(rf, settings):
    settings.TRUSTED_PROXY_HEADER = ""
    settings.API_TRUSTED_PROXY_HEADER = ""
    request = rf.get("/", REMOTE_ADDR="")  # a Unix socket without a configured proxy header
    assert ratelimits.client_address(request) == ratelimits.UNKNOWN_ADDRESS
    assert ratelimits.take(request, group="probe", rate="1/d") is None
    assert ratelimits.take(request, group="probe", rate="1/d") is not None
