"""Outputs: site, feeds, calendar, newsletter, report. Each is render_* (pure) + write_*."""
