"""Every message a writer reads, by a stable id, in each language the server speaks.

The tables are data (``data/<language>.toml``, one per language): a message id, such as
``grammar.noun_number``, names a template with named parameters ("After “{quantifier}”,
write “{fixed}”."). Parameters carry the writer's words and the fixes, never English prose,
so a translation moves them where its grammar wants them. English is the source: a rule
renders its message in English when it finds an issue (:func:`catalog.english`), and the API
renders it again in the language the request asked for (:func:`catalog.localized`); where a
table has no template the English is kept, and the answer says so. ``data/glossary.toml``
holds the grammatical terms every translation uses. The language of a request is chosen in
:mod:`.choice`.
"""
