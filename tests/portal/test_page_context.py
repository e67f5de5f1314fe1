"""The portal's reads reach the content pages' templates through ``cms.page_context``
(the content models never import the portal), for serving and for Wagtail's preview."""

from cms.models import NormativeDocumentPage
from tests.portal.conftest import DIBAO, LINSHI


def test_a_withdrawn_document_is_served_with_the_portals_context(client, library):
    linshi = NormativeDocumentPage.objects.get(title=LINSHI)
    response = client.get(linshi.url)
    assert response.status_code == 200
    assert response.context["withdrawn"] is True
    assert response.context["replacement"].title == DIBAO


def test_the_preview_of_a_document_gets_the_same_context(rf, library, admin_user):
    linshi = NormativeDocumentPage.objects.get(title=LINSHI)
    request = rf.get(linshi.url)
    request.user = admin_user
    response = linshi.serve_preview(request, linshi.default_preview_mode)
    response.render()
    assert response.context_data["withdrawn"] is True
    assert response.context_data["replacement"].title == DIBAO
    assert DIBAO in response.content.decode()  # the template names the replacement
