"""A per-bond tally of the core feelings named in shared check-ins, per quarter hour, so
insights stop opening every shared check-in (heartwork.checkins.services keeps it up to
date). The backfill opens each check-in already shared in a bond, once.
"""

import json
import uuid
from collections import Counter

import django.db.models.deletion
from django.db import migrations, models


def backfill(apps, schema_editor):
    CheckIn = apps.get_model("checkins", "CheckIn")
    Tally = apps.get_model("checkins", "SharedFeelingTally")
    db = schema_editor.connection.alias
    shared = CheckIn.objects.using(db).filter(shared_with__isnull=False)
    if not shared.exists():
        return
    # Opening uses each author's data key from the keyring, as any install with check-ins has.
    from heartwork.accounts.keys import open_for
    from heartwork.domain.feelings import feelings_wheel

    wheel = feelings_wheel()
    counts: Counter = Counter()
    for c in shared.values_list("id", "person_id", "created_at", "payload_sealed", "shared_with_id"):
        pk, person_id, created_at, sealed, bond_id = c
        if not sealed:
            continue
        payload = json.loads(open_for(person_id, sealed, "checkins.CheckIn.payload", pk))
        # The same rounding as heartwork.checkins.models.quarter_hour (frozen here).
        quarter = created_at.replace(
            minute=created_at.minute - created_at.minute % 15, second=0, microsecond=0
        )
        for word in payload.get("feelings", []):
            feeling = wheel.get(word)
            if feeling is not None:
                counts[(bond_id, quarter, feeling.core)] += 1
    Tally.objects.using(db).bulk_create(
        [
            Tally(bond_id=b, quarter=q, core=core, count=n)
            for (b, q, core), n in counts.items()
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('bonds', '0002_bond_names_sealed_per_member'),
        ('checkins', '0002_shared_time_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='SharedFeelingTally',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('quarter', models.DateTimeField()),
                ('core', models.CharField(max_length=40)),
                ('count', models.PositiveIntegerField(default=0)),
                ('bond', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='bonds.bond')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('bond', 'quarter', 'core'), name='one_feeling_tally_per_quarter')],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
