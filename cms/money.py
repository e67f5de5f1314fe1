"""Amounts in 元 as Chinese finance tables print them: 1,234,567.80.

Django's zh-hans formats group digits by four with no separator, so its own filters
print 1234567.80; the portal's relief tables and the admin's contract register use this.
"""

from decimal import Decimal, InvalidOperation


def yuan(value) -> str:
    try:
        amount = Decimal(value if value not in (None, "") else 0)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    return f"{amount.quantize(Decimal('0.01')):,.2f}"
