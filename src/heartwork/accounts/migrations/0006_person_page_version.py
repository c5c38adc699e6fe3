from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_second_factor"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="page_version",
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
    ]
