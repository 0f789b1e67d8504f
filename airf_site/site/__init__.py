"""The website: pages rendered from the content model into Material's skin, feeds, agenda and the
MkDocs plugin (`mkdocs_plugin`, the only module that knows MkDocs' events)."""
