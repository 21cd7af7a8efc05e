"""Read raw article texts and propose a news item: date, title, language, bodies, officials.

One extraction pipeline serves the `extract` and `import_news` commands and the admin's
"Import from text" page; they only call `extract()`.
"""
