"""API keys: stored as SHA-256 hashes, presented as a bearer token, ``X-API-Key`` or, for
LanguageTool clients, the ``apiKey`` form field; compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from flask import Request, Response, g

from addin_server.config import AccessSettings
from addin_server.config.values import read_key_hashes
from addin_server.errors import problem
from addin_server.observability.metrics import count_auth_rejected

# Health checks stay open, so load balancers and LanguageTool clients can probe without a key.
OPEN_PATHS = frozenset({"/v2/healthcheck"})
_PROTECTED_PREFIXES = ("/v1/", "/v2/")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def requires_key(path: str) -> bool:
    """Whether ``path`` needs an API key when keys are configured."""
    return path.startswith(_PROTECTED_PREFIXES) and path not in OPEN_PATHS


def key_hash(key: str) -> bytes:
    """The SHA-256 digest under which ``key`` is stored."""
    return hashlib.sha256(key.encode("utf-8")).digest()


@dataclass(frozen=True)
class ApiKeys:
    """The hashes of the keys that may call the API; no hashes means the API is open."""

    hashes: tuple[bytes, ...]

    @classmethod
    def from_settings(cls, access: AccessSettings) -> ApiKeys:
        """Hash ``ADDIN_API_KEYS`` and read ``ADDIN_API_KEYS_FILE``."""
        hashes = [key_hash(key) for key in access.api_keys]
        if access.api_keys_file:
            hashes += [bytes.fromhex(line) for line in read_key_hashes(access.api_keys_file)]
        return cls(tuple(hashes))

    @property
    def enabled(self) -> bool:
        """Whether requests need a key."""
        return bool(self.hashes)

    def match(self, presented: str) -> bytes | None:
        """The stored hash ``presented`` matches, checking every hash in constant time."""
        digest = key_hash(presented)
        found = None
        for stored in self.hashes:
            if hmac.compare_digest(digest, stored):
                found = stored
        return found

    def refuse_unless_valid(self, request: Request) -> Response | None:
        """Return a 401 problem unless ``request`` presents a valid key; on success, record
        an id for the key (a prefix of its hash) in ``g.api_key_id`` for limits and metrics."""
        presented = presented_key(request)
        stored = self.match(presented) if presented else None
        if stored is not None:
            g.api_key_id = stored.hex()[:12]
            return None
        count_auth_rejected("missing" if presented is None else "invalid")
        response = problem(
            401,
            "API key required" if presented is None else "API key not accepted",
            "Send a key of this server as 'Authorization: Bearer KEY' or 'X-API-Key: KEY' "
            "(LanguageTool clients: the apiKey field); ask its administrator for one.",
            "unauthorized",
        )
        response.headers["WWW-Authenticate"] = 'Bearer realm="penwise"'
        return response


def presented_key(request: Request) -> str | None:
    """The key ``request`` carries, if any; never logged."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    if header := request.headers.get("X-API-Key", "").strip():
        return header
    if request.method == "POST" and request.mimetype in _FORM_TYPES:
        return request.form.get("apiKey", "").strip() or None
    return None
