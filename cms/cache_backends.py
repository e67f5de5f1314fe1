"""The shared cache for several workers and servers: Django's RedisCache, failing open.

With ``REDIS_URL`` set (cms/settings/base.py ``caches_from_env``) every worker process
on every server counts the API rate limit and keeps the API's whole answers in one Redis,
so ``API_RATE_LIMIT`` holds per client across the deployment, not per process.

If Redis is down the site must keep answering. Django's RedisCache raises
``redis.exceptions.ConnectionError`` (a ``RedisError``) from every call, and not only our
code calls the cache: Wagtail keeps its site root paths there, read for every page URL
the API and the portal write. So this backend catches ``RedisError`` on every operation,
logs a warning, and answers as Django's DummyCache does (a miss for every read, writes
forgotten): the rate limit lets requests through and answers are computed afresh. After
a failure it does not try Redis again for ``RETRY_SECONDS``, so an unreachable server
costs one timeout per worker per interval rather than one per call, and the log one line.
"""

import logging
import time

from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _guarded(operation: str):
    def method(self, *args, **kwargs):
        return self._fail_open(operation, *args, **kwargs)

    method.__name__ = operation
    return method


class FailOpenRedisCache(RedisCache):
    RETRY_SECONDS = 10

    def __init__(self, server, params):
        super().__init__(server, params)
        self._dummy = DummyCache(server, params)
        self._down_until = 0.0

    def _fail_open(self, operation: str, *args, **kwargs):
        if time.monotonic() >= self._down_until:
            try:
                return getattr(super(), operation)(*args, **kwargs)
            except RedisError as error:
                self._down_until = time.monotonic() + self.RETRY_SECONDS
                logger.warning(
                    "缓存服务器（Redis）不可用（%s），%d 秒内按无缓存处理"
                    "（接口限流暂停、接口缓存不命中），之后重试。",
                    error,
                    self.RETRY_SECONDS,
                )
        return getattr(self._dummy, operation)(*args, **kwargs)

    # Every operation RedisCache implements, through _fail_open (BaseCache's others, such
    # as get_or_set and decr, are built on these).
    add = _guarded("add")
    get = _guarded("get")
    set = _guarded("set")
    touch = _guarded("touch")
    delete = _guarded("delete")
    get_many = _guarded("get_many")
    has_key = _guarded("has_key")
    incr = _guarded("incr")
    set_many = _guarded("set_many")
    delete_many = _guarded("delete_many")
    clear = _guarded("clear")
