from django.db import migrations


def forwards(apps, schema_editor):
    from jineng.wages.reference import load_thresholds

    load_thresholds(apps.get_model("wages", "PublicationThreshold"))


class Migration(migrations.Migration):
    dependencies = [("wages", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
