"""Annotated types shared by the models: vocabulary codes, e-mail, web address, SDG target."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

from babel.numbers import list_currencies
from pydantic import AfterValidator, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from systematise.schema.vocabulary import vocabulary


@dataclass(frozen=True)
class InVocabulary:
    """Marks a ``str`` as a code of the named vocabulary (checked against the data, not code)."""

    key: str

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        key = self.key

        def check(value: str) -> str:
            if value not in vocabulary(key).codes:
                raise PydanticCustomError(
                    "not_in_vocabulary",
                    "{value} is not a value of the list {vocabulary}",
                    {"value": value, "vocabulary": key},
                )
            return value

        return core_schema.no_info_after_validator_function(check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["enum"] = list(vocabulary(self.key).codes)
        json_schema["x-vocabulary"] = self.key
        return json_schema


def _unique(values: tuple[Any, ...]) -> tuple[Any, ...]:
    if len(set(values)) != len(values):
        raise PydanticCustomError("duplicate_value", "A value is chosen more than once")
    return values


#: Applied to every multi-value field: the same value twice is a mistake worth telling.
Unique = AfterValidator(_unique)


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise PydanticCustomError(
            "url_invalid", "Only complete http:// or https:// addresses are accepted"
        )
    return value


HttpUrl = Annotated[str, AfterValidator(_http_url)]

_SDG = re.compile(r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-d])(\.[1-9][0-9]?)?$")


def _sdg_target(value: str) -> str:
    if not _SDG.match(value):
        raise PydanticCustomError(
            "sdg_target_invalid", "An SDG target or indicator looks like 10.7 or 10.7.2"
        )
    return value


SdgTarget = Annotated[str, AfterValidator(_sdg_target)]


def _currency(value: str) -> str:
    if value not in list_currencies():
        raise PydanticCustomError("currency_invalid", "Not an ISO 4217 currency code")
    return value


CurrencyCode = Annotated[str, AfterValidator(_currency)]
