"""Argon2id at OWASP's recommended cost (19 MiB, two passes, one lane).

Django's defaults (100 MiB, eight lanes) make one login take a core for a noticeable
while; on a two-core box a handful of logins a second starved every page. This cost
still clears ASVS 5.0's minimum for argon2id (m ≥ 19 MiB, t ≥ 2). Existing hashes keep
working and are rewritten at the person's next login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
