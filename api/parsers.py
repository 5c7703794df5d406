"""The request bodies the API reads: JSON, a form, or a multipart form, within limits.

The API's bodies are small (a language, a state's name, a list of fault ids), so a body is
refused before it is read when it is larger than `MAX_BODY_BYTES` (a 413), and after it is
read when it nests deeper than `MAX_DEPTH` or holds more than `MAX_FIELDS` values (a 400):
never a server error (a JSON of thousands of nested `[` is too deep for Python's parser),
and never the input echoed back whole. The errors are JSON, as every error of the API
(`errors.py`).
"""

import io

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import QueryDict
from django.utils.http import parse_header_parameters
from rest_framework import exceptions, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

MAX_BODY_BYTES = 64 * 1024
MAX_DEPTH = 10
MAX_FIELDS = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


class BodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "body_too_large"  # its message: errors.MESSAGES


def _refused(code: str) -> exceptions.ParseError:
    return exceptions.ParseError(code=code)  # its message: errors.MESSAGES


def _declared_length(parser_context) -> int:
    request = (parser_context or {}).get("request")
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
    except ValueError:
        return 0


def body_read(stream, parser_context) -> bytes:
    """The body, at most `MAX_BODY_BYTES`: a 413 for a larger one, declared or sent."""
    if _declared_length(parser_context) > MAX_BODY_BYTES:
        raise BodyTooLarge()
    body = stream.read(MAX_BODY_BYTES + 1) if stream is not None else b""
    if len(body) > MAX_BODY_BYTES:
        raise BodyTooLarge()
    return body


def shape_check(data) -> None:
    """A 400 for JSON nested deeper than `MAX_DEPTH` or holding more than `MAX_FIELDS` values
    (walked without recursion, so no depth can overflow the stack)."""
    pending, values = [(data, 1)], 0
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children = list(value.values())
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > MAX_DEPTH:
            raise _refused("too_deep")
        values += len(children)
        if values > MAX_FIELDS:
            raise _refused("too_many_fields")
        pending.extend((child, depth + 1) for child in children)


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        body = body_read(stream, parser_context)
        try:
            data = super().parse(io.BytesIO(body), media_type, parser_context)
        except RecursionError:
            raise _refused("too_deep") from None
        except exceptions.ParseError:
            # DRF's message quotes the parser's, which can quote the input.
            raise _refused("parse_error") from None
        shape_check(data)
        return data


class LimitedFormParser(FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        body = body_read(stream, parser_context)
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return QueryDict(body, encoding=encoding)
        except TooManyFieldsSent:
            raise _refused("too_many_fields") from None


def multipart_check(body: bytes, media_type: str) -> None:
    """A 400 for a multipart body whose parts are not all named fields: Django's parser skips
    such parts, and a body of nothing but garbage would read as an empty form."""
    _, parameters = parse_header_parameters(media_type or "")
    boundary = parameters.get("boundary", "").encode("latin-1")
    if not boundary:
        raise _refused("bad_request")
    parts = body.split(b"--" + boundary)
    if len(parts) < 2 or not parts[-1].startswith(b"--"):
        raise _refused("bad_request")  # no closing boundary
    for part in parts[1:-1]:
        headers = part.split(b"\r\n\r\n", 1)[0].lower()
        if not part.startswith(b"\r\n") or b"content-disposition: form-data; name=" not in headers:
            raise _refused("bad_request")


class LimitedMultiPartParser(MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        body = body_read(stream, parser_context)
        multipart_check(body, media_type)
        try:
            return super().parse(io.BytesIO(body), media_type, parser_context)
        except TooManyFieldsSent:
            raise _refused("too_many_fields") from None
        except RequestDataTooBig:
            raise BodyTooLarge() from None
