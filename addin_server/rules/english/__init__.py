"""Facts about English that the rules share, each in one module.

The sound that picks "a" or "an" (:mod:`.articles`), case that follows the text
(:mod:`.casing`), word forms (:mod:`.inflection`, lemminflect's tables; :mod:`.irregular_verbs`,
the list of verbs whose past participle is irregular), word classes (:mod:`.words`), the
number of a subject and its verb (:mod:`.agreement`), the verb after "to" or a modal
(:mod:`.verbs`) and the parse that the grammar rules read (:mod:`.nlp`). Rule packages
hold rules only; what more than one rule needs lives here.
"""
