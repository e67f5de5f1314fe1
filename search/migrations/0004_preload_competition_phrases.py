"""Default fair-competition red-flag phrases (editable by an administrator afterwards)."""

from django.db import migrations

PHRASES = [
    ("市场准入和退出", "指定供应商", "限定经营、购买或者使用特定经营者提供的商品或者服务"),
    ("市场准入和退出", "指定经营者", "限定经营、购买或者使用特定经营者提供的商品或者服务"),
    ("市场准入和退出", "限定使用", "限定经营、购买或者使用特定经营者提供的商品或者服务"),
    ("市场准入和退出", "指定的企业", "限定经营、购买或者使用特定经营者提供的商品或者服务"),
    ("市场准入和退出", "授予特许经营权", "违法设置或者授予特许经营权"),
    ("市场准入和退出", "须在本地注册", "设置不合理或者歧视性的准入、退出条件"),
    ("商品和要素自由流动", "本地企业优先", "排斥、限制或者变相限制外地经营者参加本地政府采购、招标投标"),
    ("商品和要素自由流动", "优先选择本地企业", "排斥、限制或者变相限制外地经营者参加本地政府采购、招标投标"),
    ("商品和要素自由流动", "优先采购本地", "排斥、限制或者变相限制外地经营者参加本地政府采购、招标投标"),
    ("商品和要素自由流动", "限于本地", "限制外地或者进口商品、要素进入本地市场"),
    ("商品和要素自由流动", "外地企业不得", "排斥、限制、强制或者变相强制外地经营者在本地投资经营或者设立分支机构"),
    ("商品和要素自由流动", "外地商品", "限制外地或者进口商品、要素进入本地市场"),
    ("商品和要素自由流动", "设立分支机构", "排斥、限制、强制或者变相强制外地经营者在本地投资经营或者设立分支机构"),
    ("影响生产经营成本", "税收优惠", "给予特定经营者税收优惠"),
    ("影响生产经营成本", "财政奖励", "给予特定经营者选择性、差异化的财政奖励或者补贴"),
    ("影响生产经营成本", "减免行政事业性收费", "给予特定经营者要素获取、行政事业性收费、政府性基金、社会保险费等方面的优惠"),
    ("影响生产经营成本", "先征后返", "给予特定经营者税收优惠"),
    ("影响生产经营行为", "统一定价", "超越法定权限制定政府指导价、政府定价，为特定经营者提供优惠价格"),
    ("影响生产经营行为", "不得低于", "违法干预实行市场调节价的商品、要素的价格水平"),
    ("影响生产经营行为", "联合经营", "强制或者变相强制经营者实施垄断行为"),
]


def preload(apps, schema_editor):
    Phrase = apps.get_model("fulltext", "CompetitionPhrase")
    for category, phrase, standard in PHRASES:
        Phrase.objects.get_or_create(phrase=phrase, defaults={"category": category, "standard": standard})


def unload(apps, schema_editor):
    apps.get_model("fulltext", "CompetitionPhrase").objects.filter(
        phrase__in=[phrase for _, phrase, _ in PHRASES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("fulltext", "0003_cleanup_campaigns")]

    operations = [migrations.RunPython(preload, unload)]
