"""Feeds, sitemap and robots.txt; the decision list, power list and cleanup results pages."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.utils import timezone

from cms.models import PowerItem
from tests import factories
from tests.portal.conftest import DIBAO, DRAFT, LINSHI, YANGLAO

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_rss_feed_lists_new_documents_newest_first(client, library):
    response = client.get("/feeds/documents.rss")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == [
        f"{YANGLAO}（红民规〔2024〕2号）",
        f"{DIBAO}（红民规〔2023〕1号）",
        f"{LINSHI}（红民发〔2019〕8号）",
    ]
    first = channel.find("item")
    assert first.findtext("link").endswith(library["yanglao"].url)
    assert "发文机关：吴忠市红寺堡区民政局" in first.findtext("description")
    assert "2024" in first.findtext("pubDate")
    assert DRAFT not in response.content.decode()


def test_atom_feed_has_the_same_entries(client, library):
    response = client.get("/feeds/documents.atom")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    assert entries[0].findtext(f"{ATOM}title").startswith(YANGLAO)


def test_sitemap_lists_live_pages_and_the_portal_pages_only(client, library):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = [url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")]
    joined = "\n".join(locations)
    for page in (library["dibao"], library["linshi"], library["yanglao"]):
        assert page.url in joined
    for path in ["/power-list/", "/cleanup-results/", "/consultations/"]:
        assert any(loc.endswith(path) for loc in locations), path
    assert library["draft"].slug not in joined


def test_robots_txt_points_to_the_sitemap(client, library):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_decision_list_shows_items_their_procedures_and_public_adjustments(
    client, site_tree, groups, jiuzhu, office_user
):
    decisions = factories.make_decision_list(2023, intro="本目录经局党组会研究确定。")
    factories.make_decision_item(
        decisions,
        jiuzhu,
        name="城乡最低生活保障标准调整",
        public_participation_required=True,
        public_participation_done_on=date(2023, 3, 8),
        public_participation_note="公开征求意见30日",
    )
    factories.issue_as_legacy(decisions)
    decisions.refresh_from_db()
    draft = decisions.get_latest_revision_as_object()
    draft.adjustment_note = "需补充风险评估，计划完成时间调整。"
    item = draft.items.all()[0]
    item.planned_on = date(2023, 6, 30)
    draft.save_revision(user=office_user).publish(user=office_user, skip_permission_checks=True)
    html = client.get(decisions.url).content.decode()
    assert "城乡最低生活保障标准调整" in html
    for label in ["公众参与", "专家论证", "风险评估", "合法性审查", "集体讨论决定"]:
        assert f'<th scope="row">{label}</th>' in html
    assert "2023年3月8日" in html
    assert "目录调整记录" in html
    assert office_user.username not in html
    assert office_user.get_full_name() not in html or not office_user.get_full_name()


def test_power_list_groups_items_by_category_with_counts(client, site_tree):
    PowerItem.objects.create(category="行政给付", name="最低生活保障金给付")
    PowerItem.objects.create(category="行政给付", name="临时救助金给付")
    PowerItem.objects.create(category="行政检查", name="对养老机构的监督检查")
    response = client.get("/power-list/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "共 3 项" in html
    assert "行政给付（2 项）" in html
    assert "行政检查（1 项）" in html
    assert html.index("行政给付（2 项）") < html.index("行政检查（1 项）")


def test_cleanup_results_show_only_approved_decisions_on_published_documents(
    client, library, adviser
):
    from search.models import CleanupCampaign, CleanupDecision

    campaign = CleanupCampaign.objects.create(name="2025年规范性文件集中清理")
    approved = CleanupDecision.objects.create(
        campaign=campaign,
        document=library["linshi"],
        decision="废止",
        reason="上位法已修改",
        decided_by=adviser,
        approved_by=adviser,
        approved_at=timezone.now(),
        effective_on=date(2025, 6, 1),
    )
    CleanupDecision.objects.create(
        campaign=campaign,
        document=library["dibao"],
        decision="修改",
        reason="待批",
        decided_by=adviser,
    )
    CleanupDecision.objects.create(
        campaign=campaign,
        document=library["draft"],
        decision="继续有效",
        reason="草稿",
        decided_by=adviser,
        approved_by=adviser,
        approved_at=timezone.now(),
    )
    html = client.get("/cleanup-results/").content.decode()
    assert LINSHI in html and approved.decision in html and "2025年6月1日" in html
    assert DIBAO not in html  # not yet approved
    assert DRAFT not in html  # not published
    assert "上位法已修改" not in html  # the adviser's reasoning stays internal


@pytest.mark.parametrize(
    "url", ["/power-list/?page=-1", "/cleanup-results/?page=abc", "/consultations/?x=1"]
)
def test_portal_pages_ignore_bad_parameters(client, library, url):
    assert client.get(url).status_code == 200


def test_portal_pages_refuse_other_methods(client, library):
    assert client.post("/power-list/").status_code == 405
