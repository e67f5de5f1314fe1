"""The search index's rows (one per indexed item) and extracted attachment text.

``SearchEntry`` keeps the original text, so highlights are cut from what the user wrote,
plus the facet and permission columns every backend filters on. The embedded backend
adds its token index beside it (an FTS5 table on SQLite, a tsvector column on
PostgreSQL), created by this app's migrations.
"""

from django.db import models

from cms.kinds import ItemKind


class SearchEntry(models.Model):
    key = models.CharField("索引键", max_length=80, unique=True)
    kind = models.CharField("类型", max_length=12, choices=ItemKind.choices, db_index=True)
    object_id = models.CharField(max_length=64)
    doc_number = models.CharField("发文字号", max_length=60, blank=True, db_index=True)
    issuer = models.CharField("发文机关", max_length=100, blank=True, db_index=True)
    department = models.ForeignKey(
        "cms.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField("状态", max_length=20, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True, db_index=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    live = models.BooleanField("已公开", default=False, db_index=True)
    url = models.CharField("链接", max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Long columns last: SQLite then reads the facet columns without walking the text's
    # overflow pages (measured: facet counts over thousands of hits ~3x faster).
    title = models.CharField("标题", max_length=300)
    text = models.TextField("全文")

    class Meta:
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"

    def __str__(self) -> str:
        return self.title


class AttachmentText(models.Model):
    """Text extracted from one attachment file (keyed by its SHA-256, so per content)."""

    attachment = models.OneToOneField(
        "cms.AttachmentFile", on_delete=models.CASCADE, related_name="extraction"
    )
    sha256 = models.CharField(max_length=64, db_index=True)
    status = models.CharField("提取状态", max_length=20)
    note = models.CharField("说明", max_length=300, blank=True)
    pages = models.PositiveIntegerField("页数", default=0)
    repaired = models.BooleanField("已修复乱码", default=False)
    method = models.CharField(
        "提取方式",
        max_length=8,
        blank=True,
        choices=[("text", "文字层"), ("ocr", "OCR"), ("mixed", "文字层与 OCR"), ("", "无")],
    )
    ocr_confidence = models.FloatField("OCR 平均置信度", null=True, blank=True)
    ocr_pages = models.PositiveIntegerField("OCR 识别页数", default=0)
    text = models.TextField("提取文本", blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "附件文本"
        verbose_name_plural = "附件文本"

    def __str__(self) -> str:
        return f"{self.attachment} ({self.status})"

    @property
    def method_label(self) -> str:
        """ "文字层", "OCR（平均置信度 93%）", "文字层与 OCR（…）" or "" when nothing was read."""
        if not self.method:
            return ""
        label = self.get_method_display()
        if self.ocr_confidence is None:
            return label
        return f"{label}（{self.ocr_pages} 页识别，平均置信度 {self.ocr_confidence:.0f}%）"


class IndexGeneration(models.Model):
    """A value renewed by every index write, so each process knows when its cached
    facet columns (search.backends.facets) are stale — across workers, via the database."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "索引版本"
        verbose_name_plural = "索引版本"

    def __str__(self) -> str:
        return str(self.value)


class PhraseChunk(models.Model):
    """PostgreSQL only: a short piece (about CHUNK characters) of one entry's Chinese runs
    of five or more characters, with a GIN-indexed tsvector of its 4-grams (column ``tsv``,
    added by migration), so a long phrase is confirmed in the few pieces that hold all
    its 4-grams instead of in every candidate's whole text
    (search.backends.postgres_index). Empty on SQLite."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()

    class Meta:
        default_permissions = ()
        verbose_name = "短语片段"
        verbose_name_plural = "短语片段"

    def __str__(self) -> str:
        return self.text[:20]
