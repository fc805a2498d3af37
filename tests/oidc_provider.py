"""A minimal OpenID Connect provider for the tests, offline: discovery, an ``authorize`` endpoint that
sends the browser straight back with a code (for the account the test chose), a ``token`` endpoint
that returns an ID token signed with a test RSA key (joserfc), and the key set (``jwks``).

    with oidc_provider(client_id="vt", client_secret="s") as provider:
        provider.next_account = {"email": "a@newsroom.example", "name": "A"}
        ...   # Streamlit's st.login, configured with provider.metadata_url, signs in as that account
"""
from __future__ import annotations

import base64
import json
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

from tests.conftest import http_server

KID = "test-key"


@dataclass
class Provider:
    client_id: str
    client_secret: str
    url: str = ""
    next_account: dict[str, Any] = field(default_factory=dict)
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, {"kid": KID, "use": "sig"}))
    tokens_issued: int = 0

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def metadata(self) -> dict[str, Any]:
        return {"issuer": self.url, "authorization_endpoint": f"{self.url}/authorize",
                "token_endpoint": f"{self.url}/token", "jwks_uri": f"{self.url}/jwks",
                "response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"]}

    def authorize(self, query: dict[str, str]) -> str:
        """Where the browser goes next: back to the app with a code for ``next_account``."""
        if query.get("client_id") != self.client_id:
            raise ValueError("unknown client")
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"account": dict(self.next_account), "nonce": query.get("nonce"),
                            "redirect_uri": query["redirect_uri"]}
        return query["redirect_uri"] + "?" + urlencode({"code": code, "state": query.get("state", "")})

    def token(self, form: dict[str, str], authorization: str | None) -> dict[str, Any]:
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(authorization[6:]).decode().partition(":")
        if (client_id, client_secret) != (self.client_id, self.client_secret):
            raise PermissionError("bad client credentials")
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
            raise PermissionError("unknown code")
        now = int(time.time())
        claims = {"iss": self.url, "aud": self.client_id, "iat": now, "exp": now + 3600,
                  "sub": grant["account"].get("email", "someone"), **grant["account"]}
        if grant["nonce"]:
            claims["nonce"] = grant["nonce"]
        self.tokens_issued += 1
        id_token = jwt.encode({"alg": "RS256", "kid": KID}, claims, self.key)
        return {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer", "expires_in": 3600,
                "id_token": id_token}

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.key.as_dict(private=False)]}


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _json(self, body: dict[str, Any], status: int = 200) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            if parts.path == "/.well-known/openid-configuration":
                self._json(provider.metadata())
            elif parts.path == "/jwks":
                self._json(provider.jwks())
            elif parts.path == "/authorize":
                try:
                    target = provider.authorize(query)
                except (KeyError, ValueError) as exc:
                    self._json({"error": "invalid_request", "error_description": str(exc)}, 400)
                    return
                self.send_response(302)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._json({"error": "not found"}, 404)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if urlsplit(self.path).path != "/token":
                self._json({"error": "not found"}, 404)
                return
            try:
                self._json(provider.token(form, self.headers.get("Authorization")))
            except PermissionError as exc:
                self._json({"error": "invalid_grant", "error_description": str(exc)}, 400)

    return Handler


@contextmanager
def oidc_provider(client_id: str, client_secret: str) -> Iterator[Provider]:
    """The provider, serving on 127.0.0.1 (a free port) until the block ends."""
    provider = Provider(client_id, client_secret)
    with http_server(_handler(provider)) as url:
        provider.url = url
        yield provider
