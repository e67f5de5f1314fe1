"""Admin and page wiring of the portal: the public-comment admin (公众意见, 决策征求意见) and
the template context of the content pages (``cms.page_context``)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from cms import page_context
from cms.models import (
    DecisionConsultation,
    DocumentIndexPage,
    MajorDecisionListPage,
    NormativeDocumentPage,
    PortalHomePage,
    ReliefDisclosurePage,
    ReliefIndexPage,
)
from portal import admin_views as portal_admin
from portal import decision_admin, pages, relief

#: The portal's reads behind each content page's template.
PAGE_CONTEXT = {
    PortalHomePage: pages.home,
    DocumentIndexPage: pages.document_list,
    NormativeDocumentPage: pages.document_detail,
    MajorDecisionListPage: pages.decision_list,
    ReliefIndexPage: relief.index,
    ReliefDisclosurePage: relief.detail,
}


@hooks.register(page_context.HOOK)
def portal_page_context(*, request, page) -> dict:
    build = PAGE_CONTEXT.get(type(page))
    return build(request, page) if build is not None else {}


@hooks.register("register_admin_urls")
def register_public_comment_urls():
    return portal_admin.admin_urls()  # 公众意见: drafters answer consultation comments


@hooks.register("register_admin_menu_item")
def public_comments_menu_item():
    return portal_admin.menu_item()


register_permission_policy(
    DecisionConsultation, portal_admin.DecisionConsultationPolicy(DecisionConsultation)
)
register_snippet(portal_admin.DecisionConsultationViewSet)  # 决策征求意见
decision_admin.register()  # 专家论证意见, 风险评估报告, 集体讨论决定会议
