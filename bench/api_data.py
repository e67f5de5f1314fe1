"""Build N published normative documents fast for bench.api_bench (throwaway database only).

Pages are inserted through the ORM rather than ``add_child`` + publish (≈ 0.1 s each):
treebeard paths are computed for each department folder, ``Page`` rows are bulk-created,
each ``NormativeDocumentPage`` row is inserted with ``save_base(raw=True)`` (its own table
only), and every page gets the revision it was "issued" as plus a 存量导入 record
(``review.LegacyIssue``), so the published corpus keeps the gate's invariant that every
live document has an issue record. The search index is then rebuilt with the search app's
own ``indexing.all_entries()``.
"""

import gzip
import json
import random
import time
from datetime import date, timedelta
from pathlib import Path

LAWS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "laws_dev.jsonl.gz"
DIBAO = "对城乡低保对象实行动态管理，按月发放最低生活保障金。"
TOPICS = ["社会救助", "养老服务", "婚姻登记", "社会组织", "社会事务", "儿童福利", "综合政务"]
STATUSES = ["现行有效"] * 6 + ["已修改", "已废止", "已失效"]
FALLBACK = [
    "各乡镇人民政府应当加强社会救助工作的组织领导，落实工作经费。",
    "民政部门负责本行政区域内的养老服务体系建设和监督管理。",
    "申请人对审核结果有异议的，可以依法申请行政复议或者提起行政诉讼。",
    "本办法由区民政局负责解释，自发布之日起施行。",
    "婚姻登记机关应当按照规定公开办理条件、程序和时限。",
]


def _paragraphs() -> tuple[list[str], list[str]]:
    if not LAWS.exists():
        return FALLBACK, ["关于加强社会救助工作的实施办法"]
    with gzip.open(LAWS, "rt", encoding="utf-8") as handle:
        laws = [json.loads(line) for line in handle]
    paragraphs = [p for law in laws for p in law["text"].split("\n") if 20 < len(p) < 300]
    return paragraphs, [law["title"] for law in laws]


def _step(index: int) -> str:
    """Treebeard's 4-character base-36 path step for the ``index``-th child (1-based)."""
    digits, value = "", index
    while value:
        value, rest = divmod(value, 36)
        digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[rest] + digits
    return digits.rjust(4, "0")


def build(n_docs: int, *, seed: int = 7, dibao_share: float = 0.2) -> dict:
    """Create ``n_docs`` live documents; returns timings and counts."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from cms import services
    from search import indexing
    from search.backends import get_backend

    started = time.perf_counter()
    services.roles_ensure()
    folders = _folders()
    admin = get_user_model().objects.create_superuser("bench-admin", "bench@example.gov.cn", "x")
    with transaction.atomic():
        _insert_documents(n_docs, folders, random.Random(seed), dibao_share)
        inserted = time.perf_counter()
        documents = _record_issues(admin)
    recorded = time.perf_counter()
    indexed = get_backend().rebuild(indexing.all_entries())
    finished = time.perf_counter()
    return {
        "documents": len(documents),
        "indexed": indexed,
        "pages_seconds": inserted - started,
        "records_seconds": recorded - inserted,
        "index_seconds": finished - recorded,
    }


def _folders() -> list:
    """Three departments with their document folders."""
    from cms import services
    from cms.models import Department

    folders = []
    for code, name in (
        ("jiuzhu", "社会救助站"),
        ("shiwu", "社会事务站"),
        ("yanglao", "养老服务站"),
    ):
        department, _ = Department.objects.get_or_create(code=code, defaults={"name": name})
        services.department_provision(department)
        folders.append(department.folder)
    return folders


def _insert_documents(n_docs: int, folders: list, rng: random.Random, dibao_share: float) -> None:
    """The documents' page rows in bulk (treebeard paths computed here), then their rows."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from cms.models import NormativeDocumentPage

    paragraphs, titles = _paragraphs()
    content_type = ContentType.objects.get_for_model(NormativeDocumentPage)
    locale, now = Locale.get_default(), timezone.now()
    pages, specifics = [], []
    for i in range(n_docs):
        folder = folders[i % len(folders)]
        child = i // len(folders) + 1 + folder.numchild
        title, fields = _document_fields(i, folder, rng, (paragraphs, titles), dibao_share)
        slug = f"doc-{i + 1}"
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                path=folder.path + _step(child),
                depth=folder.depth + 1,
                numchild=0,
                url_path=f"{folder.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale=locale,
            )
        )
        specifics.append(fields)
    Page.objects.bulk_create(pages, batch_size=500)
    for folder in folders:
        folder.numchild = Page.objects.filter(
            path__startswith=folder.path, depth=folder.depth + 1
        ).count()
        Page.objects.filter(pk=folder.pk).update(numchild=folder.numchild)
    created = Page.objects.filter(content_type=content_type).order_by("pk")
    for page, fields in zip(created, specifics, strict=True):
        specific = NormativeDocumentPage(page_ptr_id=page.pk, **fields)
        specific.__dict__.update(
            {f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields}
        )
        specific.save_base(raw=True, force_insert=True)


def _document_fields(i: int, folder, rng: random.Random, texts, dibao_share) -> tuple[str, dict]:
    """A document's title and fields (drawn in the order earlier runs of the bench drew them,
    so the same seed gives the same collection)."""
    paragraphs, titles = texts
    year = 2005 + rng.randint(0, 20)
    day = date(year, 1, 1) + timedelta(days=rng.randint(0, 360))
    body = [rng.choice(paragraphs) for _ in range(rng.randint(4, 12))]
    if rng.random() < dibao_share:
        body.insert(rng.randint(0, len(body)), DIBAO)
    title = f"{rng.choice(titles)[:60]}实施细则（{i + 1}）"
    status = rng.choice(STATUSES)
    return title, {
        "issuer": "吴忠市红寺堡区民政局",
        "doc_number": f"红民发〔{year}〕{i + 1}号",
        "registration_number": f"红民登〔{year}〕{i + 1}号",
        "index_number": f"640303-001/{year}-{i + 1:05d}",
        "written_on": day,
        "published_on": day,
        "effective_on": day,
        "valid_until": day + timedelta(days=5 * 365),
        "validity_status": status,
        "status_changed_on": day + timedelta(days=400) if status != "现行有效" else None,
        "topic": rng.choice(TOPICS),
        "department_id": folder.department_id,
        "body": "".join(f"<p>{p}</p>" for p in body),
    }


def _record_issues(admin) -> list:
    """Each document's issued revision and its 存量导入 record (the gate's evidence)."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Page, Revision

    from cms.models import NormativeDocumentPage
    from review.models import LegacyIssue

    content_type = ContentType.objects.get_for_model(NormativeDocumentPage)
    now = timezone.now()
    documents = list(NormativeDocumentPage.objects.order_by("pk"))
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=ContentType.objects.get_for_model(Page),
                object_id=str(page.pk),
                content=page.serializable_data(),
                object_str=page.title,
                user=admin,
                created_at=now,
            )
            for page in documents
        ],
        batch_size=500,
    )
    for page, revision in zip(documents, revisions, strict=True):
        page.latest_revision_id = page.live_revision_id = revision.pk
    Page.objects.bulk_update(documents, ["latest_revision", "live_revision"], batch_size=500)
    LegacyIssue.objects.bulk_create(
        [
            LegacyIssue(
                content_type=content_type,
                object_id=str(page.pk),
                revision=revision,
                recorded_by=admin,
                paper_reference=page.doc_number,
                reason="基准测试：存量文件批量导入",
            )
            for page, revision in zip(documents, revisions, strict=True)
        ],
        batch_size=500,
    )
    return documents
