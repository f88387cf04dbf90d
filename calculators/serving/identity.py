"""Voila without cookies.

Voila (via jupyter_server) gives every anonymous visitor a login cookie so that a
"user" stays stable across requests. The calculators need no user identity, and
the handbook promises no cookies, so this provider simply never sets one.
Configured in voila.json (Voila.identity_provider_class).
"""

from __future__ import annotations

from typing import Any

from jupyter_server.auth.identity import PasswordIdentityProvider


class CookielessIdentityProvider(PasswordIdentityProvider):
    def set_login_cookie(self, handler: Any, user: Any) -> None:
        """Do not persist the anonymous user in a cookie."""
