from django.db import migrations


def forwards(apps, schema_editor):
    from jineng.demand.reference import load_industry_departments

    load_industry_departments(
        apps.get_model("demand", "IndustryDepartment"),
        apps.get_model("occupations", "Industry"),
        apps.get_model("accounts", "Organisation"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("demand", "0001_initial"),
        ("occupations", "0002_load_reference"),
        ("accounts", "0002_load_organisations"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
