"""Wagtail's own search backend (search.wagtail_backend) extends modelsearch by subclassing:
indexing through it leaves modelsearch's module-level ``ObjectIndexer`` as shipped, and
still writes CJK bigram tokens, so Chinese words are found inside sentences."""

import importlib

import pytest
from django.db import connection
from modelsearch.backends import get_search_backend

from cms.models import NormativeDocumentPage
from tests import factories

pytestmark = pytest.mark.django_db

VENDOR_MODULE = {
    "sqlite": "modelsearch.backends.database.sqlite.sqlite",
    "postgresql": "modelsearch.backends.database.postgres.postgres",
}


def vendor_module():
    return importlib.import_module(VENDOR_MODULE[connection.vendor])


def test_indexing_leaves_modelsearchs_object_indexer_untouched(site_tree, jiuzhu):
    module = vendor_module()
    shipped = module.ObjectIndexer
    assert shipped.__module__ == module.__name__
    factories.make_document(
        jiuzhu, live=True, title="关于规范劳动用工管理的通知", body="<p>签订劳动合同书。</p>"
    )
    backend = get_search_backend()
    backend.add_bulk(NormativeDocumentPage, list(NormativeDocumentPage.objects.all()))
    assert module.ObjectIndexer is shipped
    assert backend.get_index_for_model(NormativeDocumentPage).indexer_class is not shipped
    assert issubclass(backend.get_index_for_model(NormativeDocumentPage).indexer_class, shipped)


def test_our_index_writes_bigrams_so_a_word_inside_a_sentence_is_found(site_tree, jiuzhu):
    page = factories.make_document(
        jiuzhu, live=True, title="关于规范劳动用工管理的通知", body="<p>签订劳动合同书。</p>"
    )
    backend = get_search_backend()
    backend.add(page)
    found = backend.search("合同", NormativeDocumentPage)
    assert [hit.pk for hit in found] == [page.pk]
    assert list(backend.search("同书签", NormativeDocumentPage)) == []
    assert vendor_module().ObjectIndexer.__module__.startswith("modelsearch.")
