"""The archive index: its port, the query language and the FTS5 and OpenSearch adapters."""
