"""Outbox topics and worker job names of the archive."""

from __future__ import annotations

#: (Re)build the index items of one archived file (payload ``record_id``): after a
#: transfer, a metadata change, a timestamp renewal, a destruction (tombstone only).
INDEX_TOPIC = "archive.index_record"
#: A destruction list got its second approval (payload ``list_id``): the worker executes it.
DISPOSAL_APPROVED_TOPIC = "archive.disposal_approved"

DISPOSAL_JOB = "archive.prepare_disposal_lists"
FIXITY_JOB = "archive.fixity"
RENEWAL_JOB = "archive.timestamp_renewal"
