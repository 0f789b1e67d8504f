"""Website generation helpers used by the MkDocs plugin: page models, shells, assets, search."""
