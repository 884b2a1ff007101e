"""OpenAPI additions: the error answers every operation can give; bounded years."""

ERROR = {
    "type": "object",
    "description": "What went wrong: ``detail``, or a list of messages per query parameter.",
    "additionalProperties": True,
}

ERRORS = {
    "400": "A query parameter is not valid.",
    "404": "No such record, or no such page.",
    "429": "Too many requests; retry after the number of seconds in Retry-After.",
}


def add_error_responses(result, generator, request, public):
    result["components"]["schemas"]["Error"] = ERROR
    for path in result["paths"].values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "year" and parameter["in"] == "query":
                    # What a date can hold (core.filters.year_filter).
                    parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": 9999}
            for code, description in ERRORS.items():
                operation["responses"].setdefault(
                    code,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
    return result
