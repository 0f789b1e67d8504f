"""The meetings kit: participants (CSV/XLSX registrations), programme, poster, badges, table cards
and reminders; prints through `airf_site.print`."""
