"""Bond names leave the clear: each member's name for the bond, sealed with their key.

The name a bond had was written by whoever started it; it becomes that name for every
current member (each can rename it for themselves afterwards), sealed, and the clear
column is dropped.
"""

from django.db import migrations, models


def seal_names(apps, schema_editor):
    Bond = apps.get_model("bonds", "Bond")
    Membership = apps.get_model("bonds", "Membership")
    names = dict(Bond.objects.using(schema_editor.connection.alias).values_list("id", "name"))
    if not any(names.values()):
        return
    # Sealing uses each person's data key from the keyring (the key file must be present,
    # as it is on any install that has bonds).
    from heartwork.accounts.keys import seal_for

    for membership in Membership.objects.using(schema_editor.connection.alias).all():
        name = names.get(membership.bond_id) or ""
        if name:
            membership.name_sealed = seal_for(membership.person_id, name, "bonds.Membership.name", membership.pk)
            membership.save(update_fields=["name_sealed"])


class Migration(migrations.Migration):

    dependencies = [
        ("bonds", "0001_initial"),
        ("accounts", "0004_pending_signup"),
    ]

    operations = [
        migrations.AddField(model_name="membership", name="name_sealed", field=models.TextField(blank=True)),
        migrations.RunPython(seal_names, migrations.RunPython.noop),
        migrations.RemoveField(model_name="bond", name="name"),
    ]
