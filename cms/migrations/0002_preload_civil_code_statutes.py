"""Preload the 民法典 and the nine laws it repealed on 2021-01-01 (民法典第一千二百六十条)."""

import datetime

from django.db import migrations

REPEALED = [
    ("中华人民共和国婚姻法", "婚姻法", datetime.date(1980, 9, 10)),
    ("中华人民共和国继承法", "继承法", datetime.date(1985, 4, 10)),
    ("中华人民共和国民法通则", "民法通则", datetime.date(1986, 4, 12)),
    ("中华人民共和国收养法", "收养法", datetime.date(1991, 12, 29)),
    ("中华人民共和国担保法", "担保法", datetime.date(1995, 6, 30)),
    ("中华人民共和国合同法", "合同法", datetime.date(1999, 3, 15)),
    ("中华人民共和国物权法", "物权法", datetime.date(2007, 3, 16)),
    ("中华人民共和国侵权责任法", "侵权责任法", datetime.date(2009, 12, 26)),
    ("中华人民共和国民法总则", "民法总则", datetime.date(2017, 3, 15)),
]
CIVIL_CODE = "中华人民共和国民法典"
CIVIL_CODE_IN_FORCE = datetime.date(2021, 1, 1)


def preload(apps, schema_editor):
    Statute = apps.get_model("cms", "Statute")
    code, _ = Statute.objects.get_or_create(
        name=CIVIL_CODE,
        defaults={
            "short_name": "民法典",
            "aliases": "民法典",
            "level": "法律",
            "status": "现行有效",
            "promulgated_on": datetime.date(2020, 5, 28),
            "note": "2021年1月1日起施行。",
        },
    )
    for name, short_name, promulgated_on in REPEALED:
        Statute.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short_name,
                "aliases": short_name,
                "level": "法律",
                "status": "已废止",
                "promulgated_on": promulgated_on,
                "repealed_on": CIVIL_CODE_IN_FORCE,
                "replaced_by": code,
                "note": "《中华人民共和国民法典》第一千二百六十条：自2021年1月1日起废止。",
            },
        )


def unload(apps, schema_editor):
    Statute = apps.get_model("cms", "Statute")
    Statute.objects.filter(name__in=[name for name, _, _ in REPEALED]).delete()
    Statute.objects.filter(name=CIVIL_CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_initial")]

    operations = [migrations.RunPython(preload, unload)]
