"""The pre-review page's bad input, the evaluation command, the demo draft and the rule list."""

import gzip
import json
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse

from bureau.demo.prereview import load_demo_draft
from prereview.gate import OVERRIDE_FIELD
from prereview.models import PreReviewRun
from tests import factories
from tests.prereview.helpers import document
from tests.review import helpers as h

pytestmark = pytest.mark.django_db


def page_url(obj) -> str:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return reverse("prereview_object", args=[content_type.pk, obj.pk])


def test_the_drafter_sees_findings_of_a_draft_with_no_body(
    site_tree, jiuzhu, jiuzhu_drafter, client
):
    page = document(jiuzhu)
    client.force_login(jiuzhu_drafter)
    response = client.get(page_url(page))
    assert response.status_code == 200
    text = response.content.decode()
    assert "正文为空" in text
    assert "阻断问题说明" in text


def test_an_unextractable_attachment_shows_on_the_page_never_a_500(
    site_tree, jiuzhu, jiuzhu_drafter, client
):
    page = document(jiuzhu, "正文", attachments=[("损坏附件", b"%PDF-1.4 garbage", "bad.pdf")])
    client.force_login(jiuzhu_drafter)
    response = client.get(page_url(page))
    assert response.status_code == 200
    assert "附件无法提取文字" in response.content.decode()


def test_an_empty_reason_on_the_page_is_refused_and_the_typed_text_kept(
    site_tree, jiuzhu, jiuzhu_drafter, client
):
    page = document(jiuzhu)
    client.force_login(jiuzhu_drafter)
    client.get(page_url(page))
    run = PreReviewRun.objects.for_object(page).get()
    response = client.post(page_url(page), {"run": run.pk, OVERRIDE_FIELD: "  "})
    assert response.status_code == 200
    assert "理由不能为空" in h.message_texts(response)[0]
    run.refresh_from_db()
    assert run.override_reason == ""


def test_an_unknown_run_is_not_found(site_tree, jiuzhu, jiuzhu_drafter, client):
    page = document(jiuzhu)
    client.force_login(jiuzhu_drafter)
    assert client.post(page_url(page), {"run": "x", OVERRIDE_FIELD: "理由"}).status_code == 404


def test_another_departments_drafter_is_refused_in_chinese(
    site_tree, jiuzhu, shiwu_drafter, client
):
    page = document(jiuzhu)
    client.force_login(shiwu_drafter)
    response = client.get(page_url(page))
    h.assert_sent_away(response, "无权查看该事项的预审结果")


def test_the_adviser_reads_findings_but_cannot_explain_them(site_tree, jiuzhu, adviser, client):
    page = document(jiuzhu)
    client.force_login(adviser)
    response = client.get(page_url(page))
    assert response.status_code == 200
    assert "阻断问题说明" not in response.content.decode()
    run = PreReviewRun.objects.for_object(page).get()
    response = client.post(page_url(page), {"run": run.pk, OVERRIDE_FIELD: "理由"})
    h.assert_sent_away(response, "只有起草人可以说明阻断问题")


def test_the_editor_offers_the_pre_review_button(site_tree, jiuzhu, jiuzhu_drafter, client):
    page = document(jiuzhu)
    client.force_login(jiuzhu_drafter)
    response = client.get(h.edit_url(page))
    assert page_url(page) in response.content.decode()


def test_the_contract_editor_offers_the_pre_review_menu_item(
    workflows, jiuzhu, jiuzhu_drafter, client
):
    contract = factories.ContractFactory(department=jiuzhu)
    contract.save_revision()
    client.force_login(jiuzhu_drafter)
    response = client.get(h.contract_edit_url(contract))
    assert page_url(contract) in response.content.decode()


def test_the_rule_list_is_in_the_settings_menu_for_an_administrator(db, client):
    admin = factories.UserFactory(username="root", is_superuser=True)
    admin.refresh_from_db()  # the factory sets the password after saving
    client.force_login(admin)
    response = client.get(reverse("wagtailsnippets_prereview_prereviewrule:list"))
    assert response.status_code == 200
    assert "引用已废止的法律法规" in response.content.decode()


def test_the_evaluation_command_reports_findings_per_rule_and_time(site_tree, jiuzhu, tmp_path):
    document(jiuzhu, "第一条 依照《中华人民共和国合同法》制定本办法。")
    laws = tmp_path / "laws.jsonl.gz"
    rows = [
        {
            "title": "甲",
            "text": "依照《中华人民共和国合同法》第五条",
            "labels": {"cites_repealed": ["合同法"]},
        },
        {"title": "乙", "text": "依照《劳动合同法》第五条", "labels": {"cites_repealed": []}},
    ]
    with gzip.open(laws, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(row, ensure_ascii=False) for row in rows))
    out = StringIO()
    call_command("evaluate_prereview", laws=laws, stdout=out)
    text = out.getvalue()
    assert "法规语料 laws.jsonl.gz：2 篇" in text
    assert "精确率 1.000（1/1），召回率 1.000（1/1）" in text
    assert "数据库中的草稿（演示数据）：1 篇" in text
    assert "repealed_statute" in text and "每篇用时" in text


def test_the_evaluation_command_says_when_the_corpus_is_missing(db, tmp_path):
    out = StringIO()
    call_command(
        "evaluate_prereview", laws=tmp_path / "none.jsonl.gz", no_database=True, stdout=out
    )
    assert "跳过语料评估" in out.getvalue()


def test_the_demo_draft_has_findings_of_every_severity_and_loads_once(site_tree, yanglao):
    factories.drafter_of(yanglao, username="yanglao_drafter")
    page = load_demo_draft()
    again = load_demo_draft()
    assert again.pk == page.pk
    [run] = PreReviewRun.objects.for_object(page)
    severities = set(run.findings.values_list("severity", flat=True))
    assert severities == {"阻断", "警告", "提示"}
    codes = set(run.findings.values_list("code", flat=True))
    assert {
        "repealed_statute",
        "personal_data",
        "fair_competition_phrase",
        "number_format",
    } <= codes


def test_the_drafter_pre_reviews_a_contract_and_explains_it(
    workflows, jiuzhu, jiuzhu_drafter, client
):
    contract = factories.ContractFactory(department=jiuzhu, text="联系人 13812345678")
    contract.save_revision()
    client.force_login(jiuzhu_drafter)
    response = client.get(page_url(contract))
    assert response.status_code == 200
    assert "含未脱敏的手机号" in response.content.decode()
    run = PreReviewRun.objects.for_object(contract).get()
    response = client.post(page_url(contract), {"run": run.pk, OVERRIDE_FIELD: "单位值班电话"})
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.override_reason == "单位值班电话"


def test_a_malformed_object_id_is_not_found(site_tree, jiuzhu, jiuzhu_drafter, client):
    page = document(jiuzhu)
    content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
    client.force_login(jiuzhu_drafter)
    valid = reverse("prereview_object", args=[content_type.pk, page.pk])
    url = valid.replace(f"/{page.pk}/", "/abc/")  # not an id: the URL does not resolve
    assert client.get(url).status_code == 404
    assert client.get(reverse("prereview_object", args=[999999, page.pk])).status_code == 404
