"""Leak crawler: a token and personal numbers seeded into every kind of non-public item never
show — not on the portal, its feeds and sitemap, not in any /api/v2/ answer (ours and
Wagtail's stock endpoints, with and without filters, searched for the token), not in any
served file, and not in the admin of another department's drafter.

Seeded once for the module (tests.security.leak_seed); each test prints every leak with its
URL. Searches are judged differentially (see tests.security.crawler): the token's answer
must equal the control word's.
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from wagtail.models import Page

from cms.models import (
    AttachmentFile,
    DecisionConsultation,
    DocumentIndexPage,
    MajorDecisionListPage,
    NormativeDocumentPage,
    PublicComment,
    ReliefDisclosurePage,
)
from search.backends import facets
from tests.security import crawler
from tests.security.crawler import TOKEN, Report, bfs, check, probe, search_probes
from tests.security.leak_seed import COMMENTS, seed

pytestmark = pytest.mark.django_db
PUBLIC_LIMIT = 250
API_FOLLOW_LIMIT = 250
ADMIN_LIMIT = 300
SKIP_ADMIN = (
    "logout",
    "delete",
    "unpublish",
    "copy",
    "move",
    "lock",
    "unlock",
    "revert",
    "cancel",
    "disable",
    "enable",
    "approve",
    "reject",
    "/run/",
    "/static/",
    "preview",
    "sprite",
    "/export",
    "export=",
)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seeded bureau, for every test of the module; rolled back at the end. Files are
    on disk: Wagtail's serve view sends a file from a filesystem path."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with (
        django_db_blocker.unblock(),
        override_settings(
            API_RATE_LIMIT="", MEDIA_ROOT=tmp_path_factory.mktemp("media"), STORAGES=storages
        ),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(facets, "_cache", {})
        cache.clear()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield seed()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


def site_path(page) -> str:
    root = Page.objects.get(depth=2)
    return "/" + page.url_path[len(root.url_path) :]


def test_the_token_and_the_numbers_are_really_in_the_non_public_items(seeded):
    """The crawler's premise: the secrets are in the database and in the index, and the
    department's own drafter does see them where they may."""
    assert TOKEN in seeded["draft"].get_latest_revision().content["body"]
    in_review = NormativeDocumentPage.objects.get(pk=seeded["in_review"].pk)
    assert in_review.live and TOKEN not in in_review.title
    assert TOKEN in in_review.get_latest_revision_as_object().title
    assert in_review.current_workflow_state is not None, seeded["refused"]
    assert seeded["comment_posts"] == [302] * (2 * len(COMMENTS))
    assert PublicComment.objects.filter(name=TOKEN).count() == 2
    from search.models import AttachmentText

    assert AttachmentText.objects.filter(text__contains=TOKEN).count() >= 4
    from review.models import LegalOpinion

    assert LegalOpinion.objects.filter(conclusion__contains=TOKEN).exists(), seeded["refused"]
    from cms.models import PowerItem, PowerListImport

    assert (
        PowerListImport.objects.filter(filename__contains=TOKEN, user__first_name=TOKEN).count()
        == 2
    )
    assert (
        PowerItem.history.filter(history_user__first_name=TOKEN).count() == 4
    )  # 2 +, 1 ~, 1 cancel
    assert any("power list with numbers: ImportRefused" in r for r in seeded["refused"])
    assert TOKEN in seeded["disclosure_request"].description, seeded["refused"]
    withdrawn = seeded["intake_batch"].documents.get().page
    assert TOKEN in withdrawn.title and TOKEN in withdrawn.body and not withdrawn.live
    own = Client(raise_request_exception=False)
    own.force_login(seeded["draft"].owner or seeded["a"].group.user_set.first())
    response = own.get(f"/admin/pages/{seeded['draft'].pk}/edit/")
    assert response.status_code == 200
    assert f"token {TOKEN}" in crawler.secrets_in(response.content.decode(), "text/html")


def test_public_portal_feeds_and_sitemap_show_nothing_unpublished(seeded):
    client, report = Client(raise_request_exception=False), Report()
    starts = [
        "/",
        "/feeds/documents.rss",
        "/feeds/documents.atom",
        "/sitemap.xml",
        "/robots.txt",
        "/power-list/",
        "/power-list/changes/",
        "/cleanup-results/",
        "/consultations/",
        "/consultations/100000000000000000000/",  # out of range: a 404, not a 500
        "/consultations/decisions/100000000000000000000/",
        "/xxgk/ysqgk/",
        "/xxgk/ysqgk/query/",
        "/xxgk/ysqgk/receipt/",
    ]
    starts += [site_path(page) for page in Page.objects.filter(depth__gt=2)]
    starts += [
        f"/consultations/{pk}/" for pk in NormativeDocumentPage.objects.values_list("pk", flat=True)
    ]
    starts += [
        f"/consultations/decisions/{pk}/"
        for pk in DecisionConsultation.objects.values_list("pk", flat=True)
    ]

    def public(url: str) -> bool:
        return not url.startswith(("/admin", "/django-admin", "/static", "/api"))

    bfs(client, report, starts, allow=public, limit=PUBLIC_LIMIT)
    for index in DocumentIndexPage.objects.all():
        for params in search_probes():
            probe(client, report, site_path(index), params, "(portal search)")
        probe(client, report, site_path(index), {"doc_number": TOKEN}, "(portal filter)")
    print(report.summary())
    report.assert_clean()


def api_requests(schema: dict) -> tuple[list[str], list[tuple[str, dict]]]:
    """From the OpenAPI document: plain GETs (each path with its ids, with and without
    each filter value) and differential probes (each text parameter carrying the token)."""
    page_ids = list(Page.objects.values_list("pk", flat=True))
    file_ids = list(AttachmentFile.objects.values_list("pk", flat=True))
    ids = {
        "document_id": list(NormativeDocumentPage.objects.values_list("pk", flat=True)),
        "disclosure_id": list(ReliefDisclosurePage.objects.values_list("pk", flat=True)),
        "year": list(MajorDecisionListPage.objects.values_list("year", flat=True)),
    }
    gets, probes = [], []
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        params = operation.get("parameters", [])
        in_path = [p["name"] for p in params if p.get("in") == "path"]
        urls = [path]
        for name in in_path:
            values = ids.get(name) or (file_ids if "file" in path or "image" in path else page_ids)
            urls = [u.replace("{" + name + "}", str(v)) for u in urls for v in values]
        for url in urls:
            gets.append(url)
        if in_path:
            continue
        for param in params:
            if param.get("in") != "query":
                continue
            name, schema_ = param["name"], _schema_of(param)
            if schema_.get("enum"):
                gets += [f"{path}?{name}={value}" for value in schema_["enum"][:8]]
            elif schema_.get("type") == "integer":
                gets += [f"{path}?{name}={value}" for value in (2026, 2027, 100)]
            elif schema_.get("format") == "date":
                gets.append(f"{path}?{name}=2026-01-01")
            elif name in ("q", "search"):
                probes += [(path, p) for p in search_probes(name)]
            elif schema_.get("type", "string") == "string":
                probes.append((path, {name: TOKEN}))
    return gets, probes


def _schema_of(param: dict) -> dict:
    schema = param.get("schema", {})
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return {**option, **{k: v for k, v in schema.items() if k != "anyOf"}}
    return schema


def test_every_api_endpoint_shows_nothing_unpublished(seeded):
    client, report = Client(raise_request_exception=False), Report()
    schema = client.get("/api/v2/schema/").json()
    gets, probes = api_requests(schema)
    stock = ["/api/v2/pages/", "/api/v2/files/", "/api/v2/images/"]
    gets += stock + [f"{path}?fields=*&limit=100" for path in stock]
    gets += [
        f"/api/v2/pages/?type={model}&fields=*"
        for model in (
            "cms.NormativeDocumentPage",
            "cms.ReliefDisclosurePage",
            "cms.MajorDecisionListPage",
        )
    ]
    gets += [f"/api/v2/pages/{pk}/?fields=*" for pk in Page.objects.values_list("pk", flat=True)]
    gets += [f"/api/v2/files/{pk}/" for pk in AttachmentFile.objects.values_list("pk", flat=True)]
    for path in ("/api/v2/pages/", "/api/v2/files/", "/api/v2/images/"):
        probes += [(path, {**p, "fields": "*"}) for p in search_probes("search")]
        probes.append((path, {"search": TOKEN, "search_operator": "or"}))
        probes.append((path, {"search": TOKEN, "search_operator": "and"}))
    probes.append(("/api/v2/pages/", {"title": TOKEN}))
    probes.append(("/api/v2/documents/", {"q": TOKEN, "ordering": "-published_on"}))
    for url, params in probes:
        probe(client, report, url, params, "(api)")
    bfs(
        client,
        report,
        gets,
        allow=lambda url: url.startswith(("/api/v2/", "/documents/")),
        limit=len(gets) + API_FOLLOW_LIMIT,
        per_path=200,
    )
    print(report.summary())
    report.assert_clean()


def test_no_file_is_served_that_is_not_public(seeded):
    """Every attachment by id, anonymously and as the other department's drafter: what is
    served holds neither the token nor a number (the extracted text is read)."""
    anonymous, other = Client(raise_request_exception=False), Client(raise_request_exception=False)
    other.force_login(seeded["drafter_b"])
    report = Report()
    for attachment in AttachmentFile.objects.all():
        url = attachment.url
        for client, who in ((anonymous, "anonymous"), (other, "社会事务站 drafter")):
            check(report, f"{url} ({who})", crawler.fetch(client, url))
    print(report.summary())
    report.assert_clean()


def admin_explicit(seeded) -> list[str]:
    paths = [
        "/admin/",
        "/admin/pages/",
        "/admin/pages/search/",
        "/admin/snippets/cms/contract/",
        "/admin/documents/",
        "/admin/fulltext/",
        "/admin/reports/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/site-history/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/documents/chooser/",
        "/admin/choose-page/",
        "/admin/api/main/pages/?fields=*&limit=100",
        "/admin/api/main/documents/?limit=100",
        "/admin/login-records/",  # login security pages: refused to a drafter
        "/admin/login-lockouts/",
        "/admin/intake/",  # 存量导入: refused to a drafter
        "/admin/intake/new/",
        f"/admin/intake/{seeded['intake_batch'].pk}/",
    ]
    paths += [f"/admin/pages/{pk}/" for pk in Page.objects.values_list("pk", flat=True)]
    paths += [f"/admin/api/main/pages/{pk}/" for pk in Page.objects.values_list("pk", flat=True)]
    for key in ("draft", "in_review", "pending", "consulted"):
        pk = seeded[key].pk
        paths += [f"/admin/pages/{pk}/edit/", f"/admin/pages/{pk}/history/"]
        paths += [f"/admin/pages/{pk}/revisions/"]
    contract = seeded["contract"].pk
    paths += [f"/admin/snippets/cms/contract/edit/{contract}/"]
    paths += [f"/admin/snippets/cms/contract/history/{contract}/"]
    paths += [
        f"/admin/documents/edit/{pk}/" for pk in AttachmentFile.objects.values_list("pk", flat=True)
    ]
    return paths + guessed_admin_urls()


def guessed_admin_urls() -> list[str]:
    """What a hostile drafter reaches by counting ids: every task, opinion, revision,
    pre-review, audit trail, comment and report year."""
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse
    from wagtail.models import Revision, TaskState

    from cms.models import Contract
    from review.models import LegalOpinion

    urls = []
    for state in TaskState.objects.all():
        task = state.task.specific
        if hasattr(task, "action_url"):
            urls.append(task.action_url(state.specific))
    for opinion in LegalOpinion.objects.all():
        urls.append(reverse("review_opinion_letter", args=[opinion.pk]))
        urls.append(reverse("review_opinion_archive", args=[opinion.pk]))
    items = [*NormativeDocumentPage.objects.all(), *MajorDecisionListPage.objects.all()]
    items += [*ReliefDisclosurePage.objects.all(), *Contract.objects.all()]
    for item in items:
        content_type = ContentType.objects.get_for_model(item, for_concrete_model=False)
        args = [content_type.pk, str(item.pk)]
        urls.append(reverse("review_audit", args=args))
        urls.append(reverse("prereview_object", args=args))
    for revision in Revision.objects.all():
        args = [revision.content_type_id, revision.object_id, revision.pk]
        urls.append(reverse("review_revision", args=args))
        if revision.content_type.model == "contract":
            urls.append(f"/admin/snippets/cms/contract/revisions/{revision.pk}/view/")
        else:
            urls.append(f"/admin/pages/{revision.object_id}/revisions/{revision.pk}/view/")
    for decision_list in MajorDecisionListPage.objects.all():
        urls.append(reverse("decision_list_history", args=[decision_list.pk]))
        urls.append(reverse("reports_manual", args=[decision_list.year]))
    urls.append(reverse("portal_comments"))
    for comment in PublicComment.objects.all():
        urls.append(reverse("portal_comment_respond", args=[comment.pk]))
    return urls


ADMIN_SEARCHES = (
    "/admin/pages/search/",
    "/admin/fulltext/",
    "/admin/snippets/cms/contract/",
    "/admin/documents/",
    "/admin/documents/chooser/",
    "/admin/documents/chooser/results/",
    "/admin/choose-page/search/",
    "/admin/reports/workflow/",
    "/admin/reports/site-history/",
    "/admin/api/main/pages/",
)


def test_the_admin_shows_another_departments_drafter_nothing_of_theirs(seeded):
    client, report = Client(raise_request_exception=False), Report()
    client.force_login(seeded["drafter_b"])

    def allowed(url: str) -> bool:
        return url.startswith("/admin/") and not any(word in url for word in SKIP_ADMIN)

    bfs(client, report, admin_explicit(seeded), allow=allowed, limit=ADMIN_LIMIT)
    for path in ADMIN_SEARCHES:
        name = "search" if path.startswith("/admin/api/") else "q"
        for params in search_probes(name)[:4]:
            probe(client, report, path, params, "(admin search)", flush=True)
    print(report.summary())
    report.assert_clean()
