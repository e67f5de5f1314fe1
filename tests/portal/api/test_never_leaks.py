"""Only live, published content: no draft, no pending revision, no contract, no unmasked ID,
no user's name — asked for by id, by filter, by search, through ours and Wagtail's endpoints."""

import json
import logging

import pytest

from tests.portal.api.conftest import (
    CONTRACT,
    CONTRACT_WORD,
    DRAFT,
    DRAFT_WORD,
    MOBILE,
    PENDING_DRAFT,
    PENDING_LIVE,
    PENDING_WORD,
    RESIDENT_ID,
)

pytestmark = pytest.mark.django_db
SECRETS = (
    DRAFT,
    DRAFT_WORD,
    PENDING_DRAFT,
    PENDING_WORD,
    CONTRACT,
    CONTRACT_WORD,
    RESIDENT_ID,
    MOBILE,
)


def everything(get, portal) -> str:
    """Every answer of every endpoint, including id and search probes for each secret."""
    ids = [portal[k].pk for k in ("draft", "pending", "publicity", "dibao")] + [
        portal["contract"].pk
    ]
    paths = [
        "/api/v2/documents/?limit=100",
        "/api/v2/decision-lists/",
        "/api/v2/decision-lists/2023/",
        "/api/v2/power-list/",
        "/api/v2/cleanup-results/",
        "/api/v2/consultations/",
        "/api/v2/pages/?limit=100",
        "/api/v2/files/",
        "/api/v2/images/",
        *(f"/api/v2/documents/{pk}/" for pk in ids),
        *(f"/api/v2/pages/{pk}/" for pk in ids),
        *(
            f"/api/v2/documents/?q={word}"
            for word in (DRAFT_WORD, PENDING_WORD, CONTRACT_WORD, "低保", "合同")
        ),
        "/api/v2/documents/?doc_number=红民发〔2024〕9号",
        "/api/v2/documents/?year=2024&category=社会救助&q=低保",
        "/api/v2/pages/?search=殡葬",
        "/api/v2/pages/?type=cms.NormativeDocumentPage&fields=*",
    ]
    bodies = []
    for path in paths:
        response = get(path)
        assert response.status_code in {200, 400, 404}, (path, response.status_code)
        bodies.append(json.dumps(response.json(), ensure_ascii=False))
    return "\n".join(bodies)


def test_no_secret_appears_in_any_answer(portal, cleanup, get):
    text = everything(get, portal)
    for secret in SECRETS:
        assert secret not in text, secret
    assert "legacy-admin" not in text and "adviser" not in text and "office" not in text


def test_a_draft_is_a_404_by_id_and_absent_by_filter_and_search(portal, get):
    draft = portal["draft"]
    assert get(f"/api/v2/documents/{draft.pk}/").status_code == 404
    assert get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert get("/api/v2/documents/", doc_number="红民发〔2024〕9号").data["total"] == 0
    assert get("/api/v2/documents/", q=DRAFT_WORD).data["total"] == 0
    assert get("/api/v2/documents/", q="殡葬").data["total"] == 0


def test_a_pending_revision_is_not_served_the_live_content_is(portal, get):
    pending = portal["pending"]
    pending.refresh_from_db()
    assert pending.has_unpublished_changes  # a new revision waits for review
    detail = get(f"/api/v2/documents/{pending.pk}/").data
    assert detail["title"] == PENDING_LIVE
    assert detail["body"] == "<p>对高龄老年人按月发放养老服务补贴。</p>"
    assert get(f"/api/v2/pages/{pending.pk}/").json()["title"] == PENDING_LIVE
    # the index holds the draft (drafters search their work); the API must not show it
    assert get("/api/v2/documents/", q=PENDING_WORD).data["total"] == 0
    found = get("/api/v2/documents/", q="低保").data["items"]
    assert all(PENDING_WORD not in " ".join(item["highlights"]) for item in found)


def test_a_contract_is_nowhere(portal, get):
    contract = portal["contract"]
    assert get("/api/v2/documents/", q=CONTRACT_WORD).data["total"] == 0
    assert get("/api/v2/documents/", q="合同").data["total"] == 1  # only 劳动合同书
    assert get(f"/api/v2/documents/{contract.pk}/").status_code in {404}


def test_an_unmasked_id_in_a_live_body_is_served_masked_and_logged(portal, get, caplog):
    publicity = portal["publicity"]
    with caplog.at_level(logging.WARNING, logger="portal.api.privacy"):
        detail = get(f"/api/v2/documents/{publicity.pk}/").data
    assert "110105********002X" in detail["body"] and RESIDENT_ID not in detail["body"]
    assert "138****5678" in detail["title"]
    assert any("身份证号" in record.getMessage() for record in caplog.records)
    found = get("/api/v2/documents/", q="身份证号").data["items"]
    assert found and all(RESIDENT_ID not in h for item in found for h in item["highlights"])


def test_wagtails_stock_endpoints_get_the_same_last_check(portal, get, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.api.privacy"):
        response = get(f"/api/v2/pages/{portal['publicity'].pk}/")
    assert response.status_code == 200
    assert MOBILE not in response.content.decode() and "138****5678" in response.json()["title"]
    assert int(response["Content-Length"]) == len(response.content)
    assert caplog.records


def test_stock_files_lists_only_attachments_of_published_documents(portal, get):
    from cms.models import ContractAttachment, DocumentAttachment
    from tests import factories

    contract_file = factories.make_attachment("合同扫描件")
    ContractAttachment.objects.create(contract=portal["contract"], file=contract_file)
    draft_file = factories.make_attachment("草稿附件")
    DocumentAttachment.objects.create(page=portal["draft"], file=draft_file)
    listed = {item["title"] for item in get("/api/v2/files/").json()["items"]}
    assert listed == {"低保申请表"}
    assert get(f"/api/v2/files/{contract_file.pk}/").status_code == 404


def test_a_revision_in_review_is_not_served(portal, get, jiuzhu_drafter):
    from wagtail.models import WorkflowState

    from review import setup

    setup.workflows_ensure()
    pending = portal["pending"]
    pending.refresh_from_db()
    pending.get_latest_revision_as_object().save_revision(user=jiuzhu_drafter)
    pending.get_workflow().start(pending, jiuzhu_drafter)
    assert WorkflowState.objects.filter(object_id=str(pending.pk), status="in_progress").exists()
    detail = get(f"/api/v2/documents/{pending.pk}/").data
    assert (detail["title"], detail["body"]) == (
        PENDING_LIVE,
        "<p>对高龄老年人按月发放养老服务补贴。</p>",
    )
    assert get("/api/v2/documents/", q=PENDING_WORD).data["total"] == 0
    listed = get("/api/v2/documents/", category="养老服务").data["items"]
    assert [item["title"] for item in listed] == [PENDING_LIVE]
