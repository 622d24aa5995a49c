"""The "Gương sáng" book: one assembly of a book definition, written as a PDF and an EPUB.

`assemble` turns a `Book` and the index into an engine-neutral `BookDocument`; `html` and
`pdf` print it, `epub` packages it; `commands.compile_book` runs the whole thing.
"""
