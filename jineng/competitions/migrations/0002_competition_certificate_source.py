"""Certificates already issued from competition results were recorded with the source ``result``: they take
the register's ``competition`` source (竞赛晋级), history included."""

from django.db import migrations


def forwards(apps, schema_editor):
    Result = apps.get_model("competitions", "Result")
    Certificate = apps.get_model("certificates", "Certificate")
    History = apps.get_model("certificates", "HistoricalCertificate")
    ids = Result.objects.filter(certificate__isnull=False).values("certificate_id")
    Certificate.objects.filter(pk__in=ids, source="result").update(source="competition")
    History.objects.filter(id__in=ids, source="result").update(source="competition")


def backwards(apps, schema_editor):
    Result = apps.get_model("competitions", "Result")
    Certificate = apps.get_model("certificates", "Certificate")
    History = apps.get_model("certificates", "HistoricalCertificate")
    ids = Result.objects.filter(certificate__isnull=False).values("certificate_id")
    Certificate.objects.filter(pk__in=ids, source="competition").update(source="result")
    History.objects.filter(id__in=ids, source="competition").update(source="result")


class Migration(migrations.Migration):

    dependencies = [
        ("competitions", "0001_initial"),
        ("certificates", "0002_competition_source"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
