"""The one passage cutter behind the admin search, the portal list and the API."""

from cms.highlight import passages


def test_marks_matches_and_escapes_the_text_around_them():
    text = "前言" * 40 + "<b>依据《中华人民共和国合同法》</b>签订合同。" + "结尾" * 40
    [passage] = passages(text, ["合同"], limit=1)
    assert "&lt;b&gt;" in passage and "<b>" not in passage
    assert "<mark>合同</mark>" in passage
    assert passage.startswith("…") and passage.endswith("…")


def test_the_longer_needle_wins_and_passages_do_not_overlap():
    text = "社会保险费按月缴纳。" + "其他内容。" * 30 + "社会保险待遇。"
    result = passages(text, ["保险", "社会保险"], width=10)
    assert len(result) == 2
    assert all("<mark>社会保险</mark>" in p for p in result)


def test_limit_blank_needles_and_empty_text():
    assert len(passages("低保，" * 100, ["低保"], width=4, limit=3)) == 3
    assert passages("低保", ["", "  "]) == []
    assert passages("", ["低保"]) == []
    assert passages("短文低保", ["低保"]) == ["短文<mark>低保</mark>"]
