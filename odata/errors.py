"""Errors as OData clients read them: ``{"error": {"code", "message", "target"}}`` with a
4xx status (OData JSON Format 4.0, section 21). The message is the reader's language."""

from __future__ import annotations

import json

from django.http import HttpResponse

JSON_TYPE = "application/json; odata.metadata=minimal; charset=utf-8"


class ODataError(Exception):
    def __init__(
        self, message: str, *, code: str = "bad_request", status: int = 400, target: str = ""
    ) -> None:
        super().__init__(message)
        self.message, self.code, self.status, self.target = str(message), code, status, target


def json_response(data: dict, *, status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        content_type=JSON_TYPE,
        status=status,
    )
    response["OData-Version"] = "4.0"
    return response


def error_response(error: ODataError) -> HttpResponse:
    body: dict = {"code": error.code, "message": error.message}
    if error.target:
        body["target"] = error.target
    return json_response({"error": body}, status=error.status)
