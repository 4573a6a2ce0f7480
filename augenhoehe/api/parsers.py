"""The API's JSON parser: a bounded body, bounded nesting, and a message for every refusal.

DRF's own parser reads the body whole, however long (DRF reads the stream directly, past
``DATA_UPLOAD_MAX_MEMORY_SIZE``), and lets Python's parser recurse until a ``RecursionError``
(a 500) on ``[[[[…]]]]``. No request of this API nests more than a few levels or needs more than
``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser
from rest_framework.settings import api_settings
from rest_framework.utils import json

from augenhoehe.core import safejson


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"


def too_large() -> PayloadTooLarge:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return PayloadTooLarge(_("Der Inhalt der Anfrage ist größer als %(max)s Bytes.") % {"max": limit})


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(body) > limit:
            raise PayloadTooLarge(_("Der Inhalt der Anfrage ist größer als %(max)s Bytes.") % {"max": limit})
        try:
            text = body.decode(encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise exceptions.ParseError(
                _("Der Inhalt der Anfrage ist kein Text in %(encoding)s.") % {"encoding": encoding}
            ) from error
        constant = json.strict_constant if api_settings.STRICT_JSON else None
        try:
            return safejson.loads(text, parse_constant=constant)
        except safejson.TooDeep as error:
            raise exceptions.ParseError(
                _("Das JSON ist tiefer als %(max)s Ebenen verschachtelt.") % {"max": error.limit}
            ) from error
        except ValueError as error:
            raise exceptions.ParseError(_("Das JSON ist fehlerhaft: %(error)s") % {"error": error}) from error
