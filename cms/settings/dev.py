from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
DJANGO_ADMIN_ENABLED = env_bool("DJANGO_ADMIN_ENABLED", True)  # off in production
AXES_ENABLE_ADMIN = DJANGO_ADMIN_ENABLED
