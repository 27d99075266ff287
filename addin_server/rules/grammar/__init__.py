"""Correctness rules of our own, on top of Harper: agreement, pronoun case, homophones that
only context settles, a/an by sound, verb forms, less/fewer, lay/lie, comma splices.

One rule per module, and nothing else here: rules that need parts of speech or sentence
structure ask :mod:`addin_server.rules.english.nlp` for a parse, only for the sentences that
their cheap trigger selects (see :mod:`addin_server.rules.sentence_rules`).
"""
