"""Access checks shared by the demand pages: login first, then a rule about the user; failing it is a 403."""

from jineng.core.views import int_param, require  # noqa: F401  (the demand views import them from here)
