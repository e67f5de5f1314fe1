"""``<id:name>`` in URL patterns: a database id, or no match (so a 404).

Django's ``<int:...>`` matches any run of digits and hands Python an int of any size; a
20-digit id then overflows SQLite's (and PostgreSQL's) 64-bit integers inside the query,
an OverflowError and a 500, wherever the lookup goes through a relation (a page subclass's
``page_ptr``) rather than a plain integer column. This converter refuses a value no
database row can have, so the URL simply does not resolve.
"""

from django.urls import register_converter

MAX_DATABASE_ID = 2**63 - 1  # signed 64-bit: SQLite INTEGER, PostgreSQL bigint


def in_database_range(value: int) -> bool:
    return 0 <= value <= MAX_DATABASE_ID


class DatabaseIdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not in_database_range(number):
            raise ValueError(f"{value} is not a database id")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    register_converter(DatabaseIdConverter, "id")
