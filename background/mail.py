"""Mail leaves the request: the message is rendered at once (from the objects as they are
now) and handed to a background task that sends it. With the database queue the mail row
is written in the caller's transaction, so a refused or rolled-back action sends nothing;
a mail server that is down fails the task, which the worker retries (background.retry)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django_tasks import task


@task()
def send_rendered_mail(
    subject: str, text: str, html: str, recipients: list[str], from_email: str = ""
) -> int:
    message = EmailMultiAlternatives(
        subject, text, from_email or settings.DEFAULT_FROM_EMAIL, recipients
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()


def mail_queue(*, subject: str, text: str, html: str, recipients: list[str]) -> int:
    """Queue one message to ``recipients``; returns 1 when queued, 0 without recipients."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return 0
    send_rendered_mail.enqueue(subject, text, html, recipients, settings.DEFAULT_FROM_EMAIL)
    return 1


def mail_from_templates(*, template: str, recipients: list[str], context: dict) -> int:
    """Render ``{template}_subject.txt``, ``{template}.txt`` and ``{template}.html`` and
    queue the message."""
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "base_url": settings.WAGTAILADMIN_BASE_URL,
        **context,
    }
    return mail_queue(
        subject=" ".join(render_to_string(f"{template}_subject.txt", context).split()),
        text=render_to_string(f"{template}.txt", context),
        html=render_to_string(f"{template}.html", context),
        recipients=recipients,
    )
