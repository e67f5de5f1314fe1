"""Form data for the Wagtail admin, as a browser would post it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text


def document_form(**overrides) -> dict:
    data = {
        "title": "关于进一步规范临时救助工作的实施办法",
        "slug": "",
        "issuer": "吴忠市红寺堡区民政局",
        "doc_number": "",
        "index_number": "",
        "topic": "社会救助",
        "written_on": "",
        "published_on": "",
        "effective_on": "",
        "valid_until": "",
        "validity_status": "现行有效",
        "status_changed_on": "",
        "replaced_by": "",
        "body": rich_text("<p>第一条 为规范临时救助工作，制定本办法。</p>"),
        "attachments": inline_formset([]),
        "legal_bases": inline_formset([]),
        "legal_basis_note": "",
        "affects_public": "on",
        "consultation_start": "",
        "consultation_end": "",
        "comments_received": "0",
        "comments_adopted": "0",
        "consultation_summary": "",
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
        "interpretations": inline_formset([]),
        "no_interpretation_reason": "测试文件，不附解读。",
        "disclosure_attribute": "主动公开",
        "disclosure_article": "",
        "disclosure_reason": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def contract_form(department, **overrides) -> dict:
    data = {
        "title": "红寺堡区殡仪服务中心委托运营管理合同",
        "counterparty": "宁夏安宁殡葬服务有限公司",
        "contract_type": "委托管理",
        "amount": "380000.00",
        "department": str(department.pk),
        "term_start": "2026-01-01",
        "term_end": "2026-12-31",
        "text": "甲方委托乙方运营管理殡仪服务中心。",
        "attachments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)
