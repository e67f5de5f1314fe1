"""Requests for the disclosure tests, filed through the service as the portal files them."""

import datetime as dt

from disclosure import services
from disclosure.models import Source
from disclosure.vocab import RequesterKind

# A resident ID with a correct check digit (GB 11643), and the same with a wrong one.
GOOD_ID = "640303199001011234"
BAD_ID = "640303199001011235"


def person(**extra) -> dict:
    data = {
        "requester_kind": RequesterKind.PERSON,
        "name": "马小花",
        "id_type": "resident_id",
        "id_number": GOOD_ID,
        "org_name": "",
        "credit_code": "",
        "contact_person": "",
        "phone": "13895012345",
        "email": "",
        "address": "红寺堡区新庄集乡",
        "description": "2023年红寺堡区城乡低保资金发放情况",
        "format": "paper",
        "delivery": "post",
    }
    data.update(extra)
    return data


def file_request(received_on: dt.date, **extra):
    request, _ = services.request_file(
        data=person(**extra), received_on=received_on, source=Source.STAFF
    )
    return request
