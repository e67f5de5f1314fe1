"""The search box's query language, parsed once and compiled by each backend.

    低保 救助            both words (AND is implicit)
    低保 OR 临时救助      either
    低保 NOT 特困 / -特困  exclude
    "社会救助 暂行办法"    a phrase
    有效性:现行有效 年份:2023 类型:合同 发文机关:… 科室:… 文号:…   filters

Every mistake a clerk can make yields a Chinese ``QueryError`` or a sensible query:
unbalanced quotes close at the end, control characters are dropped, operators alone
are refused.
"""

import re
from typing import NamedTuple

from cms.kinds import ItemKind
from search.analysis import phrase_tokens

MAX_QUERY_LENGTH = 200

FIELD_ALIASES = {
    "类型": "kind",
    "kind": "kind",
    "有效性": "status",
    "状态": "status",
    "status": "status",
    "年份": "year",
    "年度": "year",
    "year": "year",
    "发文机关": "issuer",
    "issuer": "issuer",
    "科室": "department",
    "department": "department",
    "文号": "doc_number",
    "发文字号": "doc_number",
    "doc_number": "doc_number",
}
KIND_ALIASES = {
    "规范性文件": ItemKind.NORMATIVE_DOCUMENT,
    "文件": ItemKind.NORMATIVE_DOCUMENT,
    "合同": ItemKind.CONTRACT,
    "决策": ItemKind.MAJOR_DECISION,
}
OPERATORS = {
    "AND": "AND",
    "与": "AND",
    "OR": "OR",
    "或": "OR",
    "|": "OR",
    "NOT": "NOT",
    "非": "NOT",
}


class QueryError(ValueError):
    """A query that cannot be searched; the message is Chinese and meant for the user."""


class Term(NamedTuple):
    text: str
    phrase: bool = False


class And(NamedTuple):
    parts: tuple


class Or(NamedTuple):
    parts: tuple


class Not(NamedTuple):
    part: object


class ParsedQuery(NamedTuple):
    tree: object | None  # None: filters only
    filters: dict[str, list[str]]
    terms: list[str]  # positive texts, for highlighting


_LEXEME = re.compile(r'"[^"]*"?|\(|\)|[^\s()"]+')


def _clean(raw: str) -> str:
    text = "".join(ch if ch.isprintable() else " " for ch in raw or "")
    return (
        text.replace("“", '"')
        .replace("”", '"')
        .replace("（", "(")
        .replace("）", ")")
        .replace("：", ":")
    )


def parse(raw: str) -> ParsedQuery:
    text = _clean(raw).strip()
    if not text:
        raise QueryError("请输入检索词。")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"检索词过长（{len(text)}个字符），最多{MAX_QUERY_LENGTH}个字符。")
    filters: dict[str, list[str]] = {}
    lexemes: list[str] = []
    for lexeme in _LEXEME.findall(text):
        key, sep, value = lexeme.partition(":")
        if sep and key in FIELD_ALIASES and value:
            field = FIELD_ALIASES[key]
            value = value.strip('"')
            if field == "kind":
                value = KIND_ALIASES.get(value, value)
            filters.setdefault(field, []).append(value)
        else:
            lexemes.append(lexeme)
    parser = _Parser(lexemes)
    tree = parser.parse()
    if tree is None and not filters:
        if lexemes and all(lx.upper() in OPERATORS or lx in "()" for lx in lexemes):
            raise QueryError("检索式只有运算符（AND / OR / NOT），请输入检索词。")
        raise QueryError("检索词中没有可检索的文字（仅有标点符号）。")
    if tree is not None and _only_negative(tree):
        raise QueryError("检索式不能只包含排除条件（NOT），请至少输入一个要查找的词。")
    return ParsedQuery(tree, filters, parser.positive_terms)


def _only_negative(node) -> bool:
    if isinstance(node, Not):
        return True
    if isinstance(node, And):
        return all(_only_negative(part) for part in node.parts)
    if isinstance(node, Or):
        return any(_only_negative(part) for part in node.parts)
    return False


class _Parser:
    """or := and ("OR" and)* ; and := unary+ ; unary := ("NOT" | "-") unary | atom"""

    def __init__(self, lexemes: list[str]):
        self.lexemes = lexemes
        self.pos = 0
        self.positive_terms: list[str] = []
        self._negated = 0

    def peek(self) -> str | None:
        return self.lexemes[self.pos] if self.pos < len(self.lexemes) else None

    def take(self) -> str:
        self.pos += 1
        return self.lexemes[self.pos - 1]

    def parse(self):
        node = self.parse_or()
        while self.peek() is not None:  # stray ")" etc.
            self.take()
            more = self.parse_or()
            node = _join(And, node, more)
        return node

    def parse_or(self):
        node = self.parse_and()
        while (token := self.peek()) is not None and OPERATORS.get(token.upper()) == "OR":
            self.take()
            node = _join(Or, node, self.parse_and())
        return node

    def parse_and(self):
        node = None
        while (token := self.peek()) is not None and token != ")":
            operator = OPERATORS.get(token.upper())
            if operator == "OR":
                break
            if operator == "AND":
                self.take()
                continue
            node = _join(And, node, self.parse_unary())
        return node

    def parse_unary(self):
        token = self.peek()
        if token is not None and OPERATORS.get(token.upper()) == "NOT":
            self.take()
            return self._negate(self.parse_unary)
        if token is not None and token.startswith("-") and len(token) > 1:
            self.lexemes[self.pos] = token[1:]
            return self._negate(self.parse_unary)
        return self.parse_atom()

    def _negate(self, parse):
        self._negated += 1
        try:
            inner = parse()
        finally:
            self._negated -= 1
        return Not(inner) if inner is not None else None

    def parse_atom(self):
        if self.peek() is None:
            return None
        token = self.take()
        if token == ")":
            return None
        if token == "(":
            node = self.parse_or()
            if self.peek() == ")":
                self.take()
            return node
        phrase = token.startswith('"')
        text = token.strip('"').strip()
        if not any(phrase_tokens(text)):
            return None
        if not self._negated:
            self.positive_terms.append(text)
        return Term(text, phrase)


def _join(kind, left, right):
    if left is None:
        return right
    if right is None:
        return left
    left_parts = left.parts if isinstance(left, kind) else (left,)
    right_parts = right.parts if isinstance(right, kind) else (right,)
    return kind(left_parts + right_parts)
