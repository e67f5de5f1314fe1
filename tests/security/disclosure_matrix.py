"""The 政府信息公开 rows of the permission matrix: a request being handled, the annual
disclosure report, a personal-data scan finding, and how each action is tried.

- request: view = its admin page; edit = 告知补正 through the step form (the office's
  handling); approve = 批准延期 (the leader's).
- report: view = the report page; export = the XLSX; edit = the year's text saved.
- scan finding: view = listed on 个人信息排查; edit = a decision recorded (无需处理).
"""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from disclosure.models import DisclosureYear, FindingState, ScanFinding
from tests.disclosure.builders import file_request

NAMES = ("disclosure_request", "disclosure_report", "scan_finding")


def build(objects: dict) -> None:
    objects["disclosure_request"] = file_request(dt.date(2026, 3, 2))
    objects["disclosure_report"] = DisclosureYear.objects.create(year=2025, problems="矩阵问题")
    objects["scan_finding"] = ScanFinding.objects.create(
        key="matrix",
        source="consultation",
        object_id="0",
        title="矩阵排查标记",
        place="意见采纳情况",
        kind="手机号",
        masked="138****5678",
        last_seen=timezone.now(),
    )


def _ok(client, url, **params) -> bool:
    return client.get(url, params).status_code == 200


def _view(name, obj, client) -> bool:
    if name == "disclosure_request":
        return _ok(client, reverse("disclosure_request", args=[obj.pk]))
    if name == "disclosure_report":
        return _ok(client, reverse("disclosure_report"), year=obj.year)
    response = client.get(reverse("disclosure_scan"))
    return response.status_code == 200 and obj.title in response.content.decode()


def _edit(name, obj, client) -> bool:
    if name == "disclosure_request":
        url = reverse("disclosure_step", args=[obj.pk, "ask"])
        client.post(url, {"day": "2026-03-03", "letter": "矩阵补正"})
        obj.refresh_from_db()
        return obj.clarification_asked_on is not None
    if name == "disclosure_report":
        url = reverse("disclosure_report_entry", args=[obj.year])
        client.post(
            url, {"save_text": "1", "problems": "矩阵改进", "overview": "", "other_matters": ""}
        )
        obj.refresh_from_db()
        return obj.problems == "矩阵改进"
    client.post(
        reverse("disclosure_scan_decide", args=[obj.pk]), {"state": "ignored", "note": "误报"}
    )
    obj.refresh_from_db()
    return obj.state == FindingState.IGNORED


def _approve(name, obj, client) -> bool:
    url = reverse("disclosure_step", args=[obj.pk, "extend"])
    client.post(url, {"day": "2026-03-04", "reason": "矩阵延期"})
    obj.refresh_from_db()
    return obj.extended_on is not None


def _export(name, obj, client) -> bool:
    return _ok(client, reverse("disclosure_report_export", args=["xlsx"]), year=obj.year)


TRIES = {"view": _view, "edit": _edit, "approve": _approve, "export": _export}


def attempt(action: str, name: str, obj, client) -> bool:
    return TRIES[action](name, obj, client)
