"""Admin page forms: a clerk never has to invent a URL slug."""

from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


class AutoSlugPageForm(WagtailAdminPageForm):
    """Leaves the slug optional and derives a unique one from the title when blank."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_slug(self):
        slug = (self.cleaned_data.get("slug") or "").strip()
        if slug or self.parent_page is None:
            return slug
        base = slugify(self.data.get("title", ""), allow_unicode=True)[:60] or "page"
        candidate, n = base, 1
        while not Page._slug_is_available(candidate, self.parent_page, self.instance):
            n += 1
            candidate = f"{base}-{n}"
        return candidate
