"""The demo's 2023 publications carry what the disclosure rules ask (issue 17, items 1–3)."""

import pytest

from cms.models import NormativeDocumentPage, PolicyInterpretation
from cms.selectors import public_documents
from review.chain import disclosure_chain
from review.hashing import revision_content_hash
from review.models import LegacyIssue, SecrecyCheck

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(demo_bureau_module):
    """The demo bureau, built once per worker and kept for this module."""
    return demo_bureau_module


def test_every_document_published_in_the_system_passed_a_secrecy_check(demo):
    live = list(NormativeDocumentPage.objects.live())
    walked = [page for page in live if not LegacyIssue.for_object(page).exists()]
    assert walked
    for page in walked:
        digest = revision_content_hash(page.live_revision)
        checks = [
            c for c in SecrecyCheck.for_object(page) if revision_content_hash(c.revision) == digest
        ]
        assert checks and checks[0].passes, page.title
        assert page.index_number, page.title
        steps = disclosure_chain(page)
        assert [s.step for s in steps] == ["制作", "审核", "保密审查", "发布"]
        assert all(s.when is not None for s in steps), page.title


def test_the_demo_keeps_a_few_2023_documents_on_request_off_the_portal(demo, client):
    on_request = NormativeDocumentPage.objects.live().filter(disclosure_attribute="依申请公开")
    assert on_request.count() >= 2
    assert all(page.published_on.year == 2023 for page in on_request)
    public = set(public_documents().values_list("pk", flat=True))
    for page in on_request:
        assert page.pk not in public
        assert client.get(page.url).status_code == 404
    assert public_documents().filter(published_on__year=2023).exists()


def test_some_demo_documents_carry_a_policy_interpretation(demo, client):
    interpreted = NormativeDocumentPage.objects.live().filter(interpretations__isnull=False)
    assert interpreted.exists()
    page = interpreted.first()
    item = PolicyInterpretation.objects.filter(page=page).first()
    html = client.get(page.url).content.decode()
    assert item.title in html and "政策解读" in html
