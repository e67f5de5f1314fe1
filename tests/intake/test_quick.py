import pytest

from intake import services
from intake.files import ZipFiles
from tests import factories
from tests.intake import builders


@pytest.mark.django_db
def test_quick(site_tree, jiuzhu, django_capture_on_commit_callbacks):
    admin = factories.UserFactory(username="boss", is_superuser=True)
    rows, files = builders.collection(6, "社会救助站")
    manifest = builders.xlsx(rows)
    plan = services.documents_plan(
        user=admin,
        manifest=manifest,
        manifest_name="m.xlsx",
        files=ZipFiles(builders.zip_bytes(files)),
    )
    for r in plan.rows:
        print(r.line, r.status, r.messages)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.documents_import(
            user=admin,
            manifest=manifest,
            manifest_name="m.xlsx",
            files=ZipFiles(builders.zip_bytes(files)),
        )
    print(outcome.batch, [(r.status, r.messages) for r in outcome.plan.rows])
    assert outcome.batch
