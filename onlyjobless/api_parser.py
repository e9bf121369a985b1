"""The API's request parser: JSON and query strings as django-ninja reads them, minus text no store keeps.

A NUL can't go into a PostgreSQL text column and a lone surrogate can't be encoded as UTF-8, so either,
anywhere in a request (a username that becomes a cache key, a search term, a message), used to end in a
500 deep inside some query. Refusing them here, once, answers every endpoint with a 422 naming the field.
"""

import json
import re

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.errors import ValidationError
from ninja.parser import Parser

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
MESSAGE = "Contains a character that can't be stored (a NUL or a lone UTF-16 surrogate)."


def _refuse_unstorable(value, loc: tuple) -> None:
    if isinstance(value, str):
        if UNSTORABLE.search(value):
            raise ValidationError([{"loc": loc, "msg": MESSAGE, "type": "value_error"}])
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_unstorable(key, loc)
            _refuse_unstorable(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_unstorable(item, (*loc, index))


class StorableTextParser(Parser):
    def parse_body(self, request: HttpRequest) -> dict:
        data = json.loads(request.body)
        # ("body", "") as ninja's own body errors read ("body", <parameter>, field...).
        _refuse_unstorable(data, ("body", ""))
        return data

    def parse_querydict(self, data: MultiValueDict, list_fields: list[str], request: HttpRequest) -> dict:
        result = super().parse_querydict(data, list_fields, request)
        _refuse_unstorable(result, ("query",))
        return result
