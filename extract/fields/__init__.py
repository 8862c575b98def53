"""Stage 5, fields: read values out of item texts (pure functions on strings).

`dates` reads DateValues with UK conventions, `leads` splits lead cells into people and
roles (a pipeline of rule components on `lead_doc`'s tokens), `references` takes
cross-references and numbers off finding texts, `status` decides an action's status and
RAG colour, `rag` reads a plan's printed RAG key. `split_leads` and `parse_date_cell` are
public (`from extract import ...`).
"""
