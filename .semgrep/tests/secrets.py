"""Examples for secrets.yml (semgrep --test)."""
# ruff: noqa
import os

# ruleid: eoffice-secret-literal
SECRET_KEY = "d4f1c0ffee5eed0ddba11ca7"
# ruleid: eoffice-secret-literal
client = dict(client_id="eoffice", client_secret="s3cr3t-from-the-idp")
# ok: eoffice-secret-literal
SECRET_KEY_FROM_ENV = os.environ.get("EOFFICE_SECRET_KEY", "")
# ok: eoffice-secret-literal
password = "change-me"
# ok: eoffice-secret-literal
token_header = "Authorization"

# ruleid: eoffice-private-key-literal
PEM = """-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEA(example, not a key)
-----END RSA PRIVATE KEY-----"""

# ok: eoffice-private-key-literal
CERTIFICATE_HEADER = "-----BEGIN CERTIFICATE-----"
