"""Indexes the risk rules need on tables of other apps (created here so those apps' models stay untouched).

- subsidies_claim (person_id, occupation_id, level): duplicate_claim groups claims in index order.
- subsidies_claim (claimant_organisation_id, submitted_at): claim_burst reads each organisation's claims in
  time order in one pass.
- core_person (birth_date): implausible_age picks the few persons born late or early enough by two ranges.
"""

from django.db import migrations

INDEXES = [
    ("integrity_claim_person_occupation", "subsidies_claim", "person_id, occupation_id, level"),
    ("integrity_claim_org_time", "subsidies_claim", "claimant_organisation_id, submitted_at"),
    ("integrity_person_birth", "core_person", "birth_date"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("integrity", "0002_initial"),
        ("subsidies", "0002_initial"),
        ("core", "0003_person_historicalperson_personaldataview"),
    ]

    operations = [
        migrations.RunSQL(sql=f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
                          reverse_sql=f"DROP INDEX IF EXISTS {name}")
        for name, table, columns in INDEXES
    ]
