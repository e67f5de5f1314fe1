"""Publish-time guard against personal numbers in normative documents (行政规范性文件).

Choice: the guard **blocks** publishing; it does not mask. What the public sees of a
normative document must be the text the legal adviser reviewed (the opinion vouches for
its content hash, and attachments are served byte for byte), so the system may not
rewrite it at publication. A resident ID, mobile or bank-card number (``cms.privacy``, in
any writing) in any public field refuses the publication with a Chinese reason naming the
field and the masked number (正文含未脱敏的身份证号（640303********1234），不能公开); the
drafter removes or masks it in the draft, which then goes through review again. The output
masking of the portal, feeds and API stays as the last check behind this guard.

Checked, in the revision being published: 标题, SEO 标题, 搜索描述, 网址别名 (slug: a
URL cannot be masked), 发文机关, 发文字号, 索引号, 正文 (read as HTML), 制定依据说明,
上位法依据的条款, 意见采纳情况说明, and each attachment's name, file title and extracted
text (when the search app lends its extraction through ``cms.registry``; a file whose text
cannot be extracted, such as a scan, is not read here — pre-review reports it).

Relief disclosures keep their own guard (``cms.privacy.publish_problems`` over
``privacy_texts``); ``register`` puts both into ``cms.gates``.
"""

from collections.abc import Iterator

from cms import gates, privacy, registry
from cms.models import NormativeDocumentPage

FIELDS = (
    ("title", "标题"),
    ("seo_title", "SEO标题"),
    ("search_description", "搜索描述"),
    ("slug", "网址别名"),
    ("issuer", "发文机关"),
    ("doc_number", "发文字号"),
    ("index_number", "索引号"),
    ("body", "正文"),
    ("legal_basis_note", "制定依据说明"),
    ("consultation_summary", "意见采纳情况说明"),
)


def document_texts(page: NormativeDocumentPage) -> Iterator[tuple[str, str]]:
    """(where, text) of everything a published document shows or serves."""
    for name, label in FIELDS:
        yield label, getattr(page, name, "") or ""
    for basis in page.legal_bases.all():
        yield f"上位法依据（{basis.statute}）的条款", basis.articles
    for number, attachment in enumerate(page.attachments.all(), start=1):
        where = f"附件{number}（{attachment.label or getattr(attachment.file, 'title', '')}）"
        yield f"{where}的名称", attachment.label
        if attachment.file is None:
            continue
        yield f"{where}的文件标题", attachment.file.title
        yield f"{where}的文件内容", _file_text(attachment.file)


def _file_text(attachment_file) -> str:
    extract = registry.attachment_text
    return extract(attachment_file) if extract is not None else ""


def document_publish_problems(obj, revision) -> list[str]:
    """Why ``revision`` of a normative document may not be published (Chinese), or []."""
    obj = getattr(obj, "specific", obj)
    if not isinstance(obj, NormativeDocumentPage):
        return []
    content = revision.as_object() if revision is not None else obj
    return [
        f"{where}含未脱敏的{number.kind}（{number.masked}），不能公开"
        for where, text in document_texts(content)
        for number in privacy.find_personal_numbers(text or "")
    ]


def register() -> None:
    gates.register_guard(privacy.publish_problems)
    gates.register_guard(document_publish_problems)
