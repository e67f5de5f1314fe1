"""The in-memory title finder behind "title hits first" agrees with a plain substring test."""

import random

import numpy as np

from search.backends.facets import Titles


def brute(titles: list[str], ids: list[int], word: str) -> set[int]:
    return {pk for pk, title in zip(ids, titles, strict=True) if word.lower() in title.lower()}


def test_containing_finds_exactly_the_titles_holding_each_word():
    rng = random.Random(3)
    alphabet = "合同低保登记管理办法社会救助哈ab"
    titles = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(400)]
    titles += ["哈哈哈哈", "关于印发《合同管理办法》的通知", "abAB"]
    ids = [pk * 3 + 1 for pk in range(len(titles))]  # entry ids are not positions
    finder = Titles.of([t.lower() for t in titles], np.asarray(ids, dtype=np.int64))
    words = [
        "合同",
        "低保登记",
        "哈哈哈",
        "哈",
        "管理办法",
        "AB",
        "ba",
        "救助哈a",
        "不存在",
        "法社",
    ]
    words += ["".join(rng.choice(alphabet) for _ in range(rng.randint(2, 5))) for _ in range(60)]
    for word in words:
        assert set(finder.containing([word]).tolist()) == brute(titles, ids, word), word
    both = set(finder.containing(["合同", "哈哈哈"]).tolist())
    assert both == brute(titles, ids, "合同") | brute(titles, ids, "哈哈哈")


def test_words_never_match_across_two_titles_and_empty_input_is_empty():
    finder = Titles.of(["关于合", "同的通知"], np.asarray([1, 2], dtype=np.int64))
    assert finder.containing(["合同"]).tolist() == []
    assert finder.containing(["合\n同", ""]).tolist() == []
    empty = Titles.of([], np.zeros(0, dtype=np.int64))
    assert empty.containing(["合同"]).tolist() == []


def test_a_lone_surrogate_in_a_word_or_title_is_not_an_error():
    finder = Titles.of(["关于\ud800合同的通知", "合同"], np.asarray([1, 2], dtype=np.int64))
    assert sorted(finder.containing(["合同"]).tolist()) == [1, 2]
    assert finder.containing(["\ud800合"]).tolist() == [1]
