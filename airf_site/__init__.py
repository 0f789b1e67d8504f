"""airf-site: the AIRF communications toolkit (site, feeds, newsletters, print PDFs)."""

__version__ = "0.1.0"
