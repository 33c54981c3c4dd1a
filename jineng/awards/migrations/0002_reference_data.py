from django.db import migrations


def load(apps, schema_editor):
    from jineng.awards.reference import amounts_load, rule_sets_load

    rule_sets_load(apps.get_model("awards", "RuleSet"))
    amounts_load(apps.get_model("awards", "AwardAmount"))


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
