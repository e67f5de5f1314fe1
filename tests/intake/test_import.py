"""存量导入 end to end: 200 generated documents, found by search and by a cleanup campaign."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cms.models import NormativeDocumentPage
from intake import services
from intake.files import ZipFiles
from intake.models import ImportedDocument
from intake.plan import NEW, SKIP
from review.models import LegacyIssue
from search.cleanup.services import campaign_run
from search.models import CleanupCampaign
from search.selectors import search_items
from tests import factories
from tests.intake import builders


@pytest.mark.django_db
def test_two_hundred_documents_import_after_a_clean_dry_run_and_are_found(
    importer, jiuzhu, django_capture_on_commit_callbacks
):
    rows, files = builders.collection(200, "社会救助站")
    manifest, archive = builders.xlsx(rows), builders.zip_bytes(files)

    def run(dry: bool):
        arguments = {
            "user": importer,
            "manifest": manifest,
            "manifest_name": "存量清单.xlsx",
            "files": ZipFiles(archive, "附件.zip"),
        }
        if dry:
            return services.documents_plan(**arguments)
        with django_capture_on_commit_callbacks(execute=True):  # extraction + indexing tasks
            return services.documents_import(**arguments)

    plan = run(dry=True)
    assert plan.errors == [] and plan.count(NEW) == 200
    assert not NormativeDocumentPage.objects.exists()  # the dry run wrote nothing

    plan, batch = run(dry=False)
    documents = NormativeDocumentPage.objects.filter(department=jiuzhu)
    assert batch is not None and documents.count() == 200
    assert documents.live().count() == 200
    record = LegacyIssue.objects.get(
        object_id=str(documents.get(doc_number="红民发〔2020〕7号").pk)
    )
    assert record.paper_reference == "红民法审〔2020〕7号" and record.recorded_by == importer
    assert f"第{batch.pk}批" in record.reason
    page = documents.get(doc_number="红民发〔2020〕7号")
    assert str(page.published_on) == "2020-03-02" and page.topic == builders.TOPICS[7 % 4]

    # A two-character word that only the attachments and TXT bodies hold, found by the public.
    found = search_items(user=AnonymousUser(), query="收入", per_page=10)
    assert found.total == 200

    campaign = CleanupCampaign.objects.create(name="民法典清理", statuses=["现行有效"])
    run_ = campaign_run(campaign=campaign, user=factories.user_with_role("adviser"))
    flagged = {
        finding.document.doc_number
        for finding in run_.findings.select_related("document")
        if finding.rule == "repealed_statute"
    }
    assert flagged == {f"红民发〔2020〕{n}号" for n in range(10, 201, 10)}

    again, second = run(dry=False)
    assert second is None and again.count(SKIP) == 200
    assert all(row.messages[0].startswith("已存在，跳过") for row in again.rows)
    assert NormativeDocumentPage.objects.count() == 200 and ImportedDocument.objects.count() == 200
