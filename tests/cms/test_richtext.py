"""A body's HTML as text: paragraphs never run together (Chinese has no space between them)."""

from cms.richtext import rich_text_to_line, rich_text_to_plain

BODY = (
    "<h2>第一章 总则</h2><p>为规范临时救助&amp;管理</p><p>第二段<br/>换行<br>再换行</p>"
    "<ul><li>低保</li><li>特困</li></ul><blockquote>引文</blockquote><div>附则</div>"
)


def test_every_block_end_and_line_break_becomes_a_line():
    assert rich_text_to_plain(BODY).split("\n") == [
        "第一章 总则",
        "为规范临时救助&管理",
        "第二段",
        "换行",
        "再换行",
        "低保",
        "特困",
        "引文",
        "附则",
    ]


def test_a_word_across_two_paragraphs_is_not_in_the_text():
    text = rich_text_to_plain("<p>申请临时</p><p>救助的家庭</p>")
    assert "临时救助" not in text
    assert "临时" in text and "救助" in text


def test_one_line_for_summaries_and_nothing_for_nothing():
    assert rich_text_to_line("<p>第一段</p>\n<p> 第二段 </p>") == "第一段 第二段"
    assert rich_text_to_plain(None) == rich_text_to_line("") == ""
    assert rich_text_to_plain("<p>&lt;script&gt;</p>") == "<script>"
