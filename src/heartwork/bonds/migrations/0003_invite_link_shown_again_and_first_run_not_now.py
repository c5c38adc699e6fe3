"""An invite keeps its token sealed with the inviter's key, so the invite page can show the
same link again; and a member can say "Not now" to Today's first-run invite step.

Invites made before this have no sealed token: their page offers a new link instead.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('bonds', '0002_bond_names_sealed_per_member'),
    ]

    operations = [
        migrations.AddField(
            model_name='invite',
            name='token_sealed',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='membership',
            name='invite_step_hidden_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
