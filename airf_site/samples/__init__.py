"""Tools that generate the embedded sample content (illustrations, partner logos)."""
