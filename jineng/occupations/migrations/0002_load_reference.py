from django.db import migrations


def forwards(apps, schema_editor):
    from jineng.occupations.reference import load_industries, load_occupations

    load_occupations(apps.get_model("occupations", "Occupation"))
    load_industries(apps.get_model("occupations", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("occupations", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
