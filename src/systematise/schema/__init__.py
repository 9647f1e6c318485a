"""The data contract as code: the models passed between stages and the data they rest on."""

from systematise.schema.models import (
    SCHEMA_VERSION,
    Initiative,
    Submission,
    SubmissionHeader,
)
from systematise.schema.partial_date import PartialDate

__all__ = [
    "SCHEMA_VERSION",
    "Initiative",
    "PartialDate",
    "Submission",
    "SubmissionHeader",
]
