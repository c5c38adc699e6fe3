"""Django's password checks, saying what they find in the product's own words.

settings.AUTH_PASSWORD_VALIDATORS names these; each keeps Django's check and changes only
what the person reads: the reason, and what would work instead.
"""

from __future__ import annotations

from django.contrib.auth import password_validation as stock


class UserAttributeSimilarityValidator(stock.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return (
            "This password is close to your %(verbose_name)s, so it's easy to guess. "
            "Choose something that has nothing to do with you."
        )

    def get_help_text(self) -> str:
        return "Keep it apart from your name and e-mail address."


class MinimumLengthValidator(stock.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return (
            "Please make it at least %(min_length)d characters long. A few unrelated words "
            "make a long password that's easy to remember."
        )

    def get_help_text(self) -> str:
        return f"At least {self.min_length} characters."


class CommonPasswordValidator(stock.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return (
            "Lots of people use this password, so it's among the first ones tried. "
            "A few words of your own would be safer."
        )

    def get_help_text(self) -> str:
        return "Not one of the passwords many people use."


class NumericPasswordValidator(stock.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return "A password of only numbers is quick to guess. Add some letters or words."

    def get_help_text(self) -> str:
        return "Not only numbers."
