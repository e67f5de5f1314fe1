"""A covering index on Wagtail's page table for "how many live pages of this type".

The portal API's documents list (``document_count`` in the API's serializers) counts live,
public normative documents on every uncached answer. Wagtail indexes ``content_type_id``
alone, so the count read every matching page row to test ``live`` (≈ 15 ms at 10,000
documents on SQLite); with ``live``, ``path`` and ``depth`` in the index (the columns the
private-section exclusion reads) it is an index-only count (≈ 1 ms).

Raw SQL because the table is Wagtail's, not ours. On SQLite, a later Wagtail migration
that rebuilds ``wagtailcore_page`` would drop it silently (only slower counts, never
wrong ones): ``docs/architecture.md`` ("Portal API speed") says how to check.
"""

from django.db import migrations

INDEX = "cms_live_page_by_type"

CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (content_type_id, live, path, depth)"
)
DROP = f"DROP INDEX IF EXISTS {INDEX}"


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0008_role_groups_and_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunSQL(sql=CREATE, reverse_sql=DROP, elidable=False)]
