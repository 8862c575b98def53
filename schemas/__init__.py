"""Pydantic models of the output contract and the JSON Schema exported from them."""

from schemas.plan import SCHEMA_VERSION, Action, DateValue, Finding, Plan, Source

__all__ = ["SCHEMA_VERSION", "Action", "DateValue", "Finding", "Plan", "Source"]
