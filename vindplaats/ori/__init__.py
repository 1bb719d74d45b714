"""The VNG ORI API standard: its official OpenAPI documents and what they say about the wire."""
