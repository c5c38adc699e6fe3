"""Data keys leave the main database for the keyring, so its backups never hold them.

Rows are copied into the keyring database (which `heartwork serve` migrates first), then
the old table is dropped. On a database with no data keys yet this only drops the table.
"""

from django.db import connections, migrations
from django.db.utils import DatabaseError

KEYRING = "keyring"


def move_keys(apps, schema_editor):
    if schema_editor.connection.alias != "default":
        return
    DataKey = apps.get_model("accounts", "DataKey")
    rows = list(DataKey.objects.using("default").values_list("person_id", "wrapped", "kek_id", "created_at"))
    if not rows:
        return
    keyring = connections[KEYRING]
    try:
        with keyring.cursor() as cursor:
            for person_id, wrapped, kek_id, created_at in rows:
                cursor.execute(
                    "INSERT INTO keyring_wrappedkey (person_id, wrapped, kek_id, created_at) VALUES (%s, %s, %s, %s)",
                    [
                        person_id if keyring.features.has_native_uuid_field else person_id.hex,
                        bytes(wrapped), kek_id, keyring.ops.adapt_datetimefield_value(created_at),
                    ],
                )
    except DatabaseError as error:
        raise RuntimeError(
            "The keyring database is not ready. Run `heartwork migrate --database keyring` "
            "(or `heartwork serve`, which does it), then migrate again."
        ) from error


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_datakey")]

    operations = [
        migrations.RunPython(move_keys, migrations.RunPython.noop),
        migrations.DeleteModel(name="DataKey"),
    ]
