"""Warning before a document's 有效期至 (VALIDITY_WARNING_DAYS ahead), once per document
and recipient: to its drafting department and to the office (who registers documents)."""

import datetime as dt

from django.conf import settings

from background.reminding import ReminderItem, department_users, holders_of, remind
from cms import roles
from review.validity import documents_running_out


def warn_running_out(*, today: dt.date) -> list:
    documents = list(
        documents_running_out(today=today, days=settings.VALIDITY_WARNING_DAYS).select_related(
            "department"
        )
    )
    office = list(holders_of(roles.REGISTER))
    items = [
        ReminderItem(
            key=f"document:{document.pk}:{document.valid_until.isoformat()}",
            text=(
                f"《{document.title}》{document.doc_number or ''}有效期至"
                f"{document.valid_until:%Y年%-m月%-d日}，届满后将自动标记为已失效；"
                "如需继续施行，请及时评估并按程序修订或重新制定。"
            ),
            url=f"/admin/pages/{document.pk}/edit/",
            recipients=(*department_users(document.department), *office),
        )
        for document in documents
    ]
    remind(
        kind="validity_warning",
        heading="规范性文件有效期即将届满",
        items=items,
        day=today,
        once=True,
    )
    return documents
