"""A small published library for the portal's HTTP tests (Django test client, anonymous)."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from search import indexing
from search.backends import facets, get_backend
from tests import factories

VALID_ID = "11010519491231002X"  # GB 11643 example (check digit X)
DIBAO = "吴忠市红寺堡区最低生活保障审核确认实施细则"
LINSHI = "吴忠市红寺堡区临时救助暂行办法"
YANGLAO = "吴忠市红寺堡区高龄津贴发放管理办法"
DRAFT = "吴忠市红寺堡区困难群众救助补助资金管理办法"
CONTRACT = "红寺堡区社工站社会工作服务项目救助合同"


@pytest.fixture(autouse=True)
def fresh_caches(monkeypatch):
    """Rate-limit counters and the search facet table must not leak between tests."""
    cache.clear()
    monkeypatch.setattr(facets, "_cache", {})
    yield
    cache.clear()


def reindex() -> None:
    get_backend().rebuild(indexing.all_entries())


@pytest.fixture
def library(site_tree, groups, jiuzhu, shiwu):
    """Three published documents (one abolished and replaced), a draft and a contract."""
    dibao = factories.make_document(
        jiuzhu,
        live=True,
        title=DIBAO,
        body="<p>对城乡最低生活保障对象实行分类施保，社会救助资金按月发放。</p>",
        doc_number="红民规〔2023〕1号",
        index_number="640303-MZ/2023-00001",
        topic="社会救助",
        written_on=date(2023, 3, 10),
        published_on=date(2023, 3, 20),
        effective_on=date(2023, 4, 20),
    )
    linshi = factories.make_document(
        jiuzhu,
        live=True,
        title=LINSHI,
        body="<p>临时救助实行先行救助，救助金额不超过低保标准的6倍。</p>",
        doc_number="红民发〔2019〕8号",
        topic="社会救助",
        written_on=date(2019, 3, 25),
        published_on=date(2019, 4, 1),
        effective_on=date(2019, 5, 1),
        valid_until=date(2021, 4, 30),
        validity_status="已废止",
        status_changed_on=date(2023, 4, 20),
        replaced_by=dibao,
    )
    yanglao = factories.make_document(
        shiwu,
        live=True,
        title=YANGLAO,
        body="<p>年满80周岁的老年人按月领取高龄津贴。</p>",
        doc_number="红民规〔2024〕2号",
        topic="养老服务",
        written_on=date(2024, 8, 20),
        published_on=date(2024, 9, 2),
        effective_on=date(2024, 10, 1),
    )
    draft = factories.make_document(
        jiuzhu, title=DRAFT, body="<p>救助补助资金实行专账管理，草稿内容不得公开。</p>"
    )
    contract = factories.ContractFactory(
        department=jiuzhu, title=CONTRACT, text="乙方提供救助对象入户探访服务。"
    )
    reindex()
    return {
        "dibao": dibao,
        "linshi": linshi,
        "yanglao": yanglao,
        "draft": draft,
        "contract": contract,
    }


def open_for_consultation(page, *, start: date | None = None, days: int = 14):
    """Open ``page`` (usually a draft) for comment from ``start`` for ``days`` days."""
    start = start or timezone.localdate() - timedelta(days=2)
    draft = page.get_latest_revision_as_object()
    draft.open_for_consultation = True
    draft.consultation_start = start
    draft.consultation_end = start + timedelta(days=days)
    draft.save_revision()
    page.refresh_from_db()
    return page
