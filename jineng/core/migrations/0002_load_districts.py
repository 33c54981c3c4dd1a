from django.db import migrations


def forwards(apps, schema_editor):
    from jineng.core.districts import load_districts

    load_districts(apps.get_model("core", "District"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
