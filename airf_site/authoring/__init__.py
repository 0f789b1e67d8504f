"""Tools for the editor: `airf new` templates (scaffold), the authoring guide's generated field
tables (guide) and the live preview server (preview)."""
