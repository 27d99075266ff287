"""Correctness rules of our own, on top of Harper: agreement, pronoun case, homophones that
only context settles, a/an by sound, verb forms, less/fewer, lay/lie, comma splices.

Rules that need parts of speech or sentence structure ask :mod:`.nlp` for a parse, and only
for the sentences that their cheap trigger selects (see :mod:`.framework`).
"""
