"""Chinese for the Wagtail admin strings Wagtail's own zh_Hans catalogue leaves out.

Wagtail 8's zh_Hans catalogue lacks about 400 admin strings (the dashboard's
"Search all pages…", parts of the page editor, workflows, reports), so a clerk who
reads no English met English in the admin. ``locale/zh_Hans/LC_MESSAGES`` (in
``LOCALE_PATHS``, which Django consults before any app) supplies them, for the
``django`` and ``djangojs`` (admin JavaScript) domains.

``gaps()`` lists what is still missing for the installed Wagtail: after an upgrade,
``python manage.py wagtail_l10n_gaps --out new.po`` writes the new strings to translate;
merge them into the project catalogue and compile it with ``msgfmt``.
"""

from pathlib import Path

import polib
import wagtail
from django.conf import settings

DOMAINS = ("django", "djangojs")
LANGUAGE = "zh_Hans"


def project_catalogue(domain: str) -> Path:
    return Path(settings.BASE_DIR) / "locale" / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"


def _translated(path: Path) -> set[tuple[str | None, str]]:
    if not path.exists():
        return set()
    return {
        (entry.msgctxt, entry.msgid)
        for entry in polib.pofile(str(path))
        if entry.translated() and not entry.obsolete
    }


def gaps(domain: str) -> list[polib.POEntry]:
    """Entries of Wagtail's source (en) catalogues that neither Wagtail's zh_Hans
    catalogue nor ours translates, each once, ready to be translated."""
    root = Path(wagtail.__file__).parent
    ours = _translated(project_catalogue(domain))
    missing: dict[tuple[str | None, str], polib.POEntry] = {}
    for source in sorted(root.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")):
        theirs = _translated(Path(str(source).replace("/en/", f"/{LANGUAGE}/")))
        for entry in polib.pofile(str(source)):
            key = (entry.msgctxt, entry.msgid)
            if entry.obsolete or not entry.msgid or key in theirs or key in ours:
                continue
            missing.setdefault(key, _blank(entry))
    return list(missing.values())


def _blank(entry: polib.POEntry) -> polib.POEntry:
    blank = polib.POEntry(
        msgid=entry.msgid,
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural,
        flags=[flag for flag in entry.flags if flag != "fuzzy"],
        occurrences=entry.occurrences[:2],
    )
    if entry.msgid_plural:
        blank.msgstr_plural = {0: ""}
    return blank
