from django.db import migrations


def forwards(apps, schema_editor):
    from jineng.accounts.reference import load_organisations

    load_organisations(apps.get_model("accounts", "Organisation"), apps.get_model("core", "District"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("core", "0002_load_districts")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
