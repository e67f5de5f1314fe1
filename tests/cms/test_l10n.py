"""The admin speaks Chinese: every Wagtail admin string has a Chinese translation.

Wagtail's zh_Hans catalogue lacks a few hundred admin strings; the project catalogue in
``locale/`` supplies them (cms.l10n). These tests read the installed Wagtail's own source
catalogues, so a Wagtail upgrade that adds strings fails here until they are translated.
"""

import json
import re

import polib
import pytest
from django.urls import reverse
from django.utils import translation

from cms import l10n
from tests import factories

PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdif]|%[sd]|\{[a-z_0-9]*\}", re.IGNORECASE)
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("domain", l10n.DOMAINS)
def test_every_wagtail_admin_string_has_a_chinese_translation(domain):
    missing = l10n.gaps(domain)
    listed = "\n".join(entry.msgid[:80] for entry in missing[:20])
    assert not missing, (
        f"{len(missing)} 条 Wagtail 后台字符串无中文译文"
        f"（python manage.py wagtail_l10n_gaps --out …）：\n{listed}"
    )


@pytest.mark.parametrize("domain", l10n.DOMAINS)
def test_the_compiled_catalogue_is_its_source(domain):
    """Django reads the .mo: a .po edited without recompiling would change nothing."""
    source = l10n.project_catalogue(domain)

    def pairs(catalogue):
        return {
            (e.msgctxt, e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in catalogue
            if e.msgstr or any(e.msgstr_plural.values())
        }

    assert pairs(polib.mofile(str(source.with_suffix(".mo")))) == pairs(polib.pofile(str(source)))


@pytest.mark.parametrize("domain", l10n.DOMAINS)
def test_translations_keep_every_placeholder_and_read_as_chinese(domain):
    problems = []
    for entry in polib.pofile(str(l10n.project_catalogue(domain))):
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        wanted = [sorted(PLACEHOLDER.findall(text)) for text in sources]
        for text in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            if sorted(PLACEHOLDER.findall(text)) not in wanted:
                problems.append(f"占位符不符：{entry.msgid!r} → {text!r}")
            words = PLACEHOLDER.sub("", entry.msgid)
            if not HAN.search(text) and re.search(r"[A-Za-z]{4,}", words):
                problems.append(f"未译成中文：{entry.msgid!r} → {text!r}")
    assert not problems, "\n".join(problems)


def test_the_dashboard_a_clerk_opens_first_speaks_chinese(client, site_tree, groups):
    client.force_login(factories.user_with_role("admin", username="clerk-admin"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    with translation.override("zh-hans"):
        placeholder = translation.gettext("Search all pages…")
    assert HAN.search(placeholder)
    assert f'placeholder="{placeholder}"' in html
    assert "Search all pages" not in html
    assert "editor guide" not in html


def test_the_admin_javascript_speaks_chinese(client, groups):
    """The editor's scripts read their strings from Wagtail's JavaScript catalogue view."""
    client.force_login(factories.user_with_role("admin", username="clerk-admin"))
    script = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    ours = polib.pofile(str(l10n.project_catalogue("djangojs")))
    autosaved = ours.find("Changes have been autosaved.").msgstr
    assert HAN.search(autosaved)
    assert json.dumps(autosaved) in script  # the view writes the catalogue as JSON


def test_the_help_menu_keeps_the_shortcuts_but_not_wagtails_english_website(client, groups):
    client.force_login(factories.user_with_role("admin", username="clerk-admin"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "guide.wagtail.org/en/releases" not in html  # "What's new in Wagtail"
    assert "keyboard-shortcuts-trigger" in html
