"""PDF output with reportlab: fonts, ruby, booklets, sign-in sheets, member cards, reports."""
