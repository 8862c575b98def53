"""Pydantic models of the output contract and the JSON Schema exported from them."""

from schemas.plan import SCHEMA_VERSION, Action, DateValue, Finding, Plan, Source, json_schema_text

__all__ = ["SCHEMA_VERSION", "Action", "DateValue", "Finding", "Plan", "Source", "json_schema_text"]
