"""Rendering: domain objects in, text out (rich tables, Markdown, HTML). No files, no rules."""
