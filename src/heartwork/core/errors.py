"""Business failures. Pages show them as a message; they never become a 500."""


class ApplicationError(Exception):
    """A rule of the product said no. ``message`` is safe to show to the person.

    A ``gentle`` one is news rather than a mistake (shown as information, not an error).
    """

    gentle = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
