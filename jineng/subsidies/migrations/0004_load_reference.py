from django.db import migrations


def forwards(apps, schema_editor):
    from jineng.subsidies.reference import load_reference

    load_reference(apps.get_model("subsidies", "Scheme"), apps.get_model("subsidies", "SubsidyParameter"))


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0003_scheme_rule")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
