"""Reading scanned paper sign-in sheets back: finding each page, straightening it by its corner
markers, reading every tick box and row code (`reader`), loading scans from PDF and image files
(`pages`), and matching what was read to residents and check-ins (`sheet_import`)."""
