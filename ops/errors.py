class OpsError(Exception):
    """A refusal of a backup or restore, worded in Chinese for the operator."""
