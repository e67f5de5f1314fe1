from django.core.exceptions import ValidationError


class ReviewError(ValidationError):
    """A review action was refused; the message is Chinese and shown to the user as is."""
