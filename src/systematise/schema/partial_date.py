"""Dates with a precision: a year, a year and month, or a full date (``2021``, ``2021-03``...).

Focal points often know only the year an initiative started. The precision is kept all the way to
the report, which prints "2021", "March 2021" or "15 March 2021" accordingly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"no month {self.month}")
        if self.day is not None and self.day < 1:
            raise ValueError(f"no day {self.day}")
        # Raises ValueError for impossible dates (31 April, 29 February 2023...).
        dt.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse the canonical forms ``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD`` only."""
        found = _ISO.match(text.strip())
        if not found:
            raise ValueError(f"not a partial ISO date: {text!r}")
        year, month, day = found.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> str:
        """``year``, ``month`` or ``day``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def earliest(self) -> dt.date:
        """The first day the partial date may stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last day the partial date may stand for."""
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        if self.month is not None:
            following = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    # Pydantic integration: validated from the canonical string, serialised back to it.
    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        def from_any(value: Any) -> PartialDate:
            if isinstance(value, PartialDate):
                return value
            if isinstance(value, dt.datetime):
                return cls.from_date(value.date())
            if isinstance(value, dt.date):
                return cls.from_date(value)
            if isinstance(value, str):
                try:
                    return cls.parse(value)
                except ValueError:
                    raise PydanticCustomError(
                        "date_invalid", "Not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
                    ) from None
            raise PydanticCustomError("date_invalid", "Not a date")

        return core_schema.no_info_plain_validator_function(
            from_any, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "description": "A partial date: YYYY, YYYY-MM or YYYY-MM-DD.",
        }
