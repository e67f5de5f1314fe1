"""Department isolation through the Wagtail admin: a drafter works only in their own
department's folder and contract register; the adviser and the office see every department."""

import pytest
from django.urls import reverse

from cms.models import Contract, NormativeDocumentPage
from tests import factories
from tests.cms.admin_forms import contract_form, document_form

pytestmark = pytest.mark.django_db

OTHER_TITLE = "红寺堡区婚姻登记档案查阅办法（征求意见稿）"
OWN_TITLE = "红寺堡区临时救助先行救助工作规程（草稿）"


@pytest.fixture
def other_draft(shiwu):
    return factories.make_document(shiwu, title=OTHER_TITLE)


@pytest.fixture
def own_draft(jiuzhu):
    return factories.make_document(jiuzhu, title=OWN_TITLE)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def explore_url(page):
    return reverse("wagtailadmin_explore", args=[page.pk])


DENIED = "没有权限"


def refused(response) -> bool:
    """403, or Wagtail's redirect to the dashboard (it then shows 对不起，你没有权限访问)."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_drafter_cannot_open_another_departments_draft(login, jiuzhu_drafter, other_draft):
    client = login(jiuzhu_drafter)
    response = client.get(edit_url(other_draft))
    assert refused(response), response.status_code
    followed = client.get(edit_url(other_draft), follow=True).content.decode()
    assert DENIED in followed
    assert OTHER_TITLE not in followed


def test_drafter_cannot_save_over_another_departments_draft(login, jiuzhu_drafter, other_draft):
    revisions_before = other_draft.revisions.count()
    client = login(jiuzhu_drafter)
    response = client.post(
        edit_url(other_draft), document_form(title="被篡改的标题", slug=other_draft.slug)
    )
    assert refused(response), response.status_code
    other_draft.refresh_from_db()
    assert other_draft.title == OTHER_TITLE
    assert other_draft.revisions.count() == revisions_before
    assert other_draft.get_latest_revision_as_object().title == OTHER_TITLE


def test_drafter_is_sent_back_from_another_departments_folder(
    login, jiuzhu_drafter, jiuzhu, shiwu, other_draft, own_draft
):
    client = login(jiuzhu_drafter)
    response = client.get(explore_url(factories.folder_of(shiwu)), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert OTHER_TITLE not in html
    assert response.redirect_chain[-1][0] == explore_url(factories.folder_of(jiuzhu))
    assert OWN_TITLE in html


def test_drafter_sees_own_draft_in_the_page_explorer(login, jiuzhu_drafter, jiuzhu, own_draft):
    client = login(jiuzhu_drafter)
    response = client.get(explore_url(factories.folder_of(jiuzhu)))
    assert response.status_code == 200
    assert OWN_TITLE in response.content.decode()


def test_page_search_finds_only_the_drafters_own_department(
    login, jiuzhu_drafter, other_draft, own_draft
):
    client = login(jiuzhu_drafter)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "红寺堡区"})
    html = response.content.decode()
    assert response.status_code == 200
    assert OWN_TITLE in html  # both titles start with 红寺堡区; only the own one is listed
    assert OTHER_TITLE not in html


@pytest.mark.parametrize(("role", "offered"), [("jiuzhu_drafter", False), ("office_user", True)])
def test_publish_is_offered_to_the_office_not_to_the_drafter(
    request, login, own_draft, role, offered
):
    client = login(request.getfixturevalue(role))
    html = client.get(edit_url(own_draft)).content.decode()
    assert ('name="action-publish"' in html) is offered


def test_drafter_cannot_publish_even_their_own_draft(login, jiuzhu_drafter, own_draft):
    client = login(jiuzhu_drafter)
    data = document_form(title=OWN_TITLE, slug=own_draft.slug)
    data["action-publish"] = "action-publish"
    client.post(edit_url(own_draft), data)
    own_draft.refresh_from_db()
    assert not own_draft.live
    assert own_draft.live_revision is None
    assert not NormativeDocumentPage.objects.live().filter(pk=own_draft.pk).exists()


def test_adviser_cannot_edit_document_content(login, adviser, other_draft):
    client = login(adviser)
    assert refused(client.get(edit_url(other_draft)))
    response = client.post(
        edit_url(other_draft), document_form(title="法律顾问改写的标题", slug=other_draft.slug)
    )
    assert refused(response)
    assert other_draft.get_latest_revision_as_object().title == OTHER_TITLE


# Contracts (合同台账) -----------------------------------------------------------------

OWN_CONTRACT = "2026年临时救助对象入户核查服务合同"
OTHER_CONTRACT = "2026年婚姻登记处档案数字化服务合同"


@pytest.fixture
def contracts(jiuzhu, shiwu):
    return (
        factories.ContractFactory(title=OWN_CONTRACT, department=jiuzhu),
        factories.ContractFactory(title=OTHER_CONTRACT, department=shiwu),
    )


def contract_url(name, *args):
    return reverse(f"wagtailsnippets_cms_contract:{name}", args=args)


def test_contract_register_lists_only_the_drafters_department(login, jiuzhu_drafter, contracts):
    client = login(jiuzhu_drafter)
    response = client.get(contract_url("list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert OWN_CONTRACT in html
    assert OTHER_CONTRACT not in html
    response = client.get(contract_url("list"), {"q": "服务合同"})  # in both titles
    assert response.status_code == 200
    assert OWN_CONTRACT in response.content.decode()
    assert OTHER_CONTRACT not in response.content.decode()


def test_drafter_can_open_own_departments_contract(login, jiuzhu_drafter, contracts):
    own, _ = contracts
    client = login(jiuzhu_drafter)
    response = client.get(contract_url("edit", own.pk))
    assert response.status_code == 200
    assert OWN_CONTRACT in response.content.decode()


@pytest.mark.parametrize(
    "view", ["edit", "history", "usage", "copy", "delete", "workflow_history", "unpublish"]
)
def test_another_departments_contract_is_forbidden(login, jiuzhu_drafter, contracts, view):
    _, other = contracts
    client = login(jiuzhu_drafter)
    response = client.get(contract_url(view, other.pk))
    assert refused(response), response.status_code
    followed = client.get(contract_url(view, other.pk), follow=True).content.decode()
    assert DENIED in followed
    assert OTHER_CONTRACT not in followed


def test_drafter_cannot_post_changes_to_another_departments_contract(
    login, jiuzhu_drafter, shiwu, contracts
):
    _, other = contracts
    client = login(jiuzhu_drafter)
    response = client.post(contract_url("edit", other.pk), contract_form(shiwu, amount="1.00"))
    assert refused(response), response.status_code
    other.refresh_from_db()
    assert other.amount == factories.ContractFactory.amount
    assert Contract.objects.get(pk=other.pk).title == OTHER_CONTRACT


@pytest.mark.parametrize("role", ["adviser", "office_user"])
def test_adviser_and_office_see_every_departments_contract(request, login, contracts, role):
    client = login(request.getfixturevalue(role))
    html = client.get(contract_url("list")).content.decode()
    assert OWN_CONTRACT in html
    assert OTHER_CONTRACT in html
