"""Records (ORI/DiWoo-shaped pydantic models), value cleaners, ids and text extraction.

This package imports nothing else of Vindplaats.
"""
