"""The extension point through which a higher app adds to a content page's template context.

The content models sit in the lowest layer and never import the portal (docs/architecture.md,
Layers). A page class that takes ``PageContextMixin`` asks every function registered under
Wagtail's hook ``page_context`` for more context: the portal registers its reads per page
type in ``portal/wagtail_hooks.py``. ``get_context`` runs for Wagtail's preview as well as
for serving, so a preview gets the same context as the live page.
"""

from wagtail import hooks

HOOK = "page_context"


class PageContextMixin:
    """``get_context`` adds what each ``page_context`` hook returns for ``request, page``."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for provide in hooks.get_hooks(HOOK):
            context.update(provide(request=request, page=self))
        return context
