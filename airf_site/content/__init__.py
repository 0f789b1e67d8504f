"""Content model: parse Markdown files with YAML front matter, validate, index.

Knows nothing about MkDocs: the site, feeds, e-mail and PDF outputs all read `ContentIndex`.
"""
