from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="WrappedKey",
            fields=[
                ("person_id", models.UUIDField(primary_key=True, serialize=False)),
                ("wrapped", models.BinaryField()),
                ("kek_id", models.CharField(db_index=True, max_length=16)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
        ),
    ]
