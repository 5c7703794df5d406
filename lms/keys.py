"""The sandbox's own key pair: made once (the first time an LMS page, the key set or a launch
needs it), stored, and never regenerated, so an LMS that copied the public key or fetched the
key set keeps trusting the sandbox across restarts."""

import json

from django.db import IntegrityError, transaction
from jwcrypto.jwk import JWK

from .models import ToolKey


def tool_key() -> ToolKey:
    """The stored key pair; the first caller makes it (two at once: the database keeps one)."""
    key = ToolKey.objects.order_by("pk").first()
    if key is not None:
        return key
    pair = JWK.generate(kty="RSA", size=2048)
    try:
        with transaction.atomic():
            return ToolKey.objects.create(
                pk=1,
                kid=pair.thumbprint(),
                private_pem=pair.export_to_pem(private_key=True, password=None).decode(),
                public_pem=pair.export_to_pem().decode(),
            )
    except IntegrityError:
        return ToolKey.objects.get(pk=1)


def public_jwk(key: ToolKey) -> dict:
    jwk = json.loads(JWK.from_pem(key.public_pem.encode()).export_public())
    return {**jwk, "kid": key.kid, "alg": "RS256", "use": "sig"}


def key_set() -> dict:
    """The JSON Web Key Set the LMS fetches (the key set URL)."""
    return {"keys": [public_jwk(tool_key())]}
