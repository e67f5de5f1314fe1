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
text. Text extraction (and its stored results) is the search app's, so the search app
registers this guard in ``cms.gates`` with its reader (``document_guard(file_text=…)``, in
``search/apps.py``); a file whose text cannot be extracted, such as a scan, is not read
here — pre-review reports it.

Relief disclosures keep their own guard (``cms.privacy.publish_problems`` over
``privacy_texts``), which ``register`` puts into ``cms.gates``.
"""

import functools
from collections.abc import Callable, Iterator

from cms import gates, privacy
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


FileText = Callable[[object], str]  # an attachment file → its extracted text ("" if none)


def document_texts(
    page: NormativeDocumentPage, *, file_text: FileText | None = None
) -> Iterator[tuple[str, str]]:
    """(where, text) of everything a published document shows or serves; a file's content
    only when ``file_text`` can read it."""
    for name, label in FIELDS:
        yield label, getattr(page, name, "") or ""
    for basis in page.legal_bases.all():
        yield f"上位法依据（{basis.statute}）的条款", basis.articles
    for item in page.interpretations.all():
        yield f"政策解读（{item.title}）", f"{item.title}\n{item.body}\n{item.questions}"
    for number, attachment in enumerate(page.attachments.all(), start=1):
        where = f"附件{number}（{attachment.label or getattr(attachment.file, 'title', '')}）"
        yield f"{where}的名称", attachment.label
        if attachment.file is None:
            continue
        yield f"{where}的文件标题", attachment.file.title
        if file_text is not None:
            yield f"{where}的文件内容", file_text(attachment.file)


def document_publish_problems(obj, revision, *, file_text: FileText | None = None) -> list[str]:
    """Why ``revision`` of a normative document may not be published (Chinese), or []."""
    obj = getattr(obj, "specific", obj)
    if not isinstance(obj, NormativeDocumentPage):
        return []
    content = revision.as_object() if revision is not None else obj
    return [
        f"{where}含未脱敏的{number.kind}（{number.masked}），不能公开"
        for where, text in document_texts(content, file_text=file_text)
        for number in privacy.find_personal_numbers(text or "")
    ]


@functools.cache  # one guard per reader: registering it twice is a no-op
def document_guard(*, file_text: FileText):
    """The normative-document guard, reading attachment contents with ``file_text``."""

    def guard(obj, revision) -> list[str]:
        return document_publish_problems(obj, revision, file_text=file_text)

    return guard


def register() -> None:
    gates.register_guard(privacy.publish_problems)
