"""The personal-data scan finds numbers seeded into published attachments (a real PDF and a
real DOCX, extracted by the search app), lists them with links, and the office's
take-down unpublishes the page, logged."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageLogEntry

from cms.models import DocumentAttachment, NormativeDocumentPage
from disclosure.models import FindingState, ScanFinding
from disclosure.scan import NAME_AND_ID, decide
from tests import factories
from tests.disclosure.builders import GOOD_ID
from tests.security.files import files_on_disk  # noqa: F401  (autouse: real files)

MOBILE = "13895012345"


def _published_with(department, attachments) -> NormativeDocumentPage:
    """A document published before the publish-time guard existed (as legacy data is):
    made live in the table, so the scan is what finds what it carries."""
    page = factories.make_document(
        department,
        title="关于2019年临时救助对象的公示",
        published_on=dt.date(2019, 5, 6),
        attachments=[DocumentAttachment(file=f, label=f.title) for f in attachments],
    )
    NormativeDocumentPage.objects.filter(pk=page.pk).update(live=True)
    return NormativeDocumentPage.objects.get(pk=page.pk)


@pytest.fixture
def seeded(jiuzhu, site_tree):
    pdf = factories.make_attachment(
        "救助名单",
        factories.chinese_pdf_bytes(f"救助对象马小花{GOOD_ID}，金额800元"),
        name="名单.pdf",
    )
    docx = factories.make_attachment(
        "联系表", factories.docx_bytes(f"联系人电话{MOBILE}"), name="联系表.docx"
    )
    return _published_with(jiuzhu, [pdf, docx])


def test_scan_finds_numbers_in_published_attachments(seeded, office_user, client):
    call_command("scan_personal_data", verbosity=0)
    findings = {f.kind: f for f in ScanFinding.objects.all()}
    assert set(findings) == {NAME_AND_ID, "手机号"}
    id_finding = findings[NAME_AND_ID]
    assert id_finding.masked == "640303********1234"
    assert "附件1（救助名单）的文件内容" in id_finding.place
    assert GOOD_ID not in id_finding.context and "马小花" not in id_finding.context
    assert findings["手机号"].masked == "138****2345"
    call_command("scan_personal_data", verbosity=0)  # a second run adds nothing
    assert ScanFinding.objects.count() == 2

    client.force_login(office_user)
    page = client.get(reverse("disclosure_scan")).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[seeded.pk]) in page
    assert GOOD_ID not in page and MOBILE not in page


def test_take_down_unpublishes_and_logs(seeded, office_user):
    call_command("scan_personal_data", verbosity=0)
    finding = ScanFinding.objects.get(kind=NAME_AND_ID)
    decide(finding=finding, state=FindingState.TAKEN_DOWN, note="含身份证号", user=office_user)
    seeded.refresh_from_db()
    assert not seeded.live
    assert PageLogEntry.objects.filter(
        page=seeded, action="wagtail.unpublish", user=office_user
    ).exists()
    finding.refresh_from_db()
    assert (finding.state, finding.decided_by) == (FindingState.TAKEN_DOWN, office_user)


def test_ignoring_needs_a_reason_and_drafters_may_not_decide(seeded, jiuzhu_drafter, client):
    from django.core.exceptions import ValidationError

    call_command("scan_personal_data", verbosity=0)
    finding = ScanFinding.objects.first()
    with pytest.raises(ValidationError, match="须写明理由"):
        decide(finding=finding, state=FindingState.IGNORED, note="", user=jiuzhu_drafter)
    client.force_login(jiuzhu_drafter)
    response = client.post(
        reverse("disclosure_scan_decide", args=[finding.pk]), {"state": "taken_down"}
    )
    assert response.status_code == 403
    seeded.refresh_from_db()
    assert seeded.live
