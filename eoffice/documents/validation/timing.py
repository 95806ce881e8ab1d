"""The time a signature is proven to exist: the genTime of its RFC 3161 timestamp.

Long-term signatures are validated at that time, with the revocation data embedded when
they were made (the principle of PAdES B-LT and B-LTA); validating them "now" would
find that data stale minutes later and call a sound signature untrusted.
"""

from __future__ import annotations

from datetime import datetime

from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

DOC_TIMESTAMP = "/DocTimeStamp"


def _gen_time(token: object) -> datetime | None:
    try:
        info = token["encap_content_info"]["content"].parsed  # type: ignore[index]
        moment: datetime = info["gen_time"].native
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    return moment


def timestamp_time(sig: EmbeddedPdfSignature) -> datetime | None:
    """When the signature's timestamp (or the document timestamp itself) says it existed;
    None for a signature without a timestamp."""
    if sig.sig_object_type == DOC_TIMESTAMP:
        return _gen_time(sig.signed_data)
    unsigned = sig.signer_info["unsigned_attrs"]
    if not unsigned.native:
        return None
    for attribute in unsigned:
        if attribute["type"].native == "signature_time_stamp_token":
            return _gen_time(attribute["values"][0]["content"])  # ContentInfo → SignedData
    return None
