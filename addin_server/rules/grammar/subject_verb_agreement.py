"""grammar.subject_verb_agreement: a finite verb that does not agree with its subject's head.

The parser finds the subject even across a prepositional phrase ("a bag of apples were") and
for indefinite pronouns ("neither of them know"). Only plain cases are flagged: subjects whose
number is unclear (coordinated, collective, "a lot of", measures, relative pronouns, proper
nouns) and mandative subjunctives ("we insist that he go") are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english import inflection
from addin_server.rules.english.agreement import agreeing_form, disagrees, subject_number
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

_SINGULAR_VERB = r"(?:is|was|has|does)(?:n't)?"
_PLURAL_VERB = r"(?:are|were|have|do)(?:n't)?"
_DETERMINER = r"(?:a|an|the|this|that|each|every|one|my|his|her|its|our|their|your)"
_PREPOSITION = r"(?:of|in|on|with|for|from|at|about|near|behind|between|among)"
_COMMON_VERB = r"""(?:make|want|need|go|take|get|like|know|think|say|come|give|look|use
    |find|tell|work|seem|feel|try|leave|call|bring|help|show|mean|keep|let|begin|affect
    |suggest|cause|provide|allow|become|require|include|believe|agree|depend|play
    |spend|live|study|eat|buy|pay|read|write|speak|watch|love|change|grow|lose|win|prefer
    |enjoy|stay|travel|drive|walk|visit|learn|teach|run|hate|earn|cost|spend|waste)"""
# Shapes of the errors: a plural-looking noun before a singular verb, a determiner and a
# singular-looking noun before a plural verb (both across a prepositional phrase too),
# indefinite pronouns, and irregular plurals. Most clean sentences match none of them.
TRIGGER = trigger(
    rf"""\b\w*[^\Wisu]s\s+(?:\w+ly\s+)?{_SINGULAR_VERB}\b
    | \b{_DETERMINER}\s+(?:\w+\s+)?\w*[^\Ws]\s+(?:\w+ly\s+)?{_PLURAL_VERB}\b
    | \b{_DETERMINER}\s+(?:\w+\s+)?\w*[^\Ws]\s+{_PREPOSITION}\s[^,.;:!?]{{1,40}}?
      \b{_PLURAL_VERB}\b
    | \b(?:the|these|those|my|his|her|our|their|your|many|some|all)\s+(?:\w+\s+)?\w+s\s+
      {_PREPOSITION}\s[^,.;:!?]{{1,40}}?\b{_SINGULAR_VERB}\b
    | \b
      \w+(?:y|ion|ment|ness|ity|ism|ance|ence|ure|th)\s+(?:\w+ly\s+)?(?:have|are|were|do)\b
    | \b(?:everyone|everybody|someone|somebody|anyone|anybody|nobody)\b
    | \b(?:each|neither|either|one)\s+of\b
    | \b(?:people|children|men|women)\s+(?:\w+\s+){{0,4}}?{_SINGULAR_VERB}\b
    | \b(?:he|she|it)\s+(?:\w+ly\s+|just\s+|always\s+|also\s+|never\s+|often\s+)?
      (?:{_PLURAL_VERB}|{_COMMON_VERB})\b
    | \b(?:the|this|that|my|his|her|its|our|their|your|each|every)\s+(?:\w+\s+)?
      (?!(?:to|will|would|can|could|shall|should|may|might|must|not|never|did|do|and|or
          |who|that|which|also|to)\b)\w*[^\Ws]\s+(?:\w+ly\s+)?{_COMMON_VERB}\b
    | \b(?:they|we|you)\s+(?:\w+ly\s+|just\s+|always\s+|also\s+|never\s+|often\s+)?
      (?:{_SINGULAR_VERB}|was)\b
    | \b\w*[^\Wisu]s\s+(?:who|that)\s+{_SINGULAR_VERB}\b
    | \b(?:a|an|the|this|one|every|each)\s+(?:\w+\s+)?\w*[^\Ws]\s+who\s+{_PLURAL_VERB}\b
    | \b(?:these|those)\s+(?:\w+ly\s+)?(?:{_SINGULAR_VERB}|was)\b
    | \b(?:most|many|few|several|both|various|numerous)\s+(?:\w+\s+)?\w*[^\Ws]\s+
      (?:\w+ly\s+)?(?:{_SINGULAR_VERB}|was)\b
    | \bthis\s+(?:\w+ly\s+)?(?:{_PLURAL_VERB}|were)\b
    | \band\s+(?:\w+\s+){{1,3}}?(?:\w+ly\s+)?(?:{_SINGULAR_VERB}|was)\b
    """
)
# A demonstrative subject and the noun after the verb: "these was my days" wants "were",
# but "this are my books" wants "these are".
_DEMONSTRATIVES = {"this": "these", "these": "this", "those": "that"}
_RELATIVE = frozenset(("who", "that", "which"))
_COUNTERFACTUAL = frozenset("if wish wished though unless suppose imagine whether".split())
_MANDATIVE = frozenset(
    """suggest insist demand recommend require request ask propose urge essential important
    vital necessary crucial imperative""".split()
)


def _subject(parse: Parse, verb: Token) -> Token | None:
    """The subject of the clause whose first finite word is ``verb``."""
    clause_head = verb if verb.dep not in ("aux", "auxpass") else parse.tokens[verb.head]
    subjects = [t for t in parse.children(clause_head.i) if t.dep in ("nsubj", "nsubjpass")]
    if len(subjects) != 1 or any(t.dep == "expl" for t in parse.children(clause_head.i)):
        return None
    if verb.dep in ("aux", "auxpass"):
        earlier_aux = [
            t for t in parse.children(clause_head.i) if t.dep in ("aux", "auxpass") and t.i < verb.i
        ]
        if earlier_aux:
            return None  # only the first auxiliary is finite
    return subjects[0]


def _antecedent(parse: Parse, verb: Token, subject: Token) -> Token:
    """For a relative pronoun subject ("a person who are"), the noun it stands for."""
    clause_head = verb if verb.dep not in ("aux", "auxpass") else parse.tokens[verb.head]
    if subject.lower not in _RELATIVE or clause_head.dep != "relcl":
        return subject
    before = parse.previous(subject.i)
    if subject.lower == "which" and (before is None or before.text == ","):
        return subject  # ", which is": it may stand for the whole clause before it
    noun = parse.tokens[clause_head.head]
    return noun if noun.tag in ("NN", "NNS") and noun.i < subject.i else subject


def _in_mandative_clause(parse: Parse, verb: Token) -> bool:
    clause_head = verb if verb.dep not in ("aux", "auxpass") else parse.tokens[verb.head]
    if any(c.dep == "mark" and c.lower == "that" for c in parse.children(clause_head.i)) and any(
        t.lower in _MANDATIVE or t.lower.rstrip("s") in _MANDATIVE for t in parse.tokens[: verb.i]
    ):
        return True  # "requires ..., but that every word tell": the parser lost the link
    while clause_head.dep == "conj" and clause_head.head != clause_head.i:
        clause_head = parse.tokens[clause_head.head]  # "that he go, or that she stay"
    if clause_head.dep != "ccomp":
        return False
    governor = parse.tokens[clause_head.head]
    return governor.lower in _MANDATIVE or governor.lower.rstrip("s") in _MANDATIVE


def _bare_main_verb(parse: Parse, verb: Token) -> bool:
    """ "My brother spend": a base form the tagger gives a main verb after its subject.

    Only the root ("saw the boy leave" has a subject too) with no auxiliary ("does she
    know").
    """
    if verb.tag != "VB" or verb.dep != "ROOT" or verb.lower == "be":
        return False
    return not any(child.dep in ("aux", "auxpass") for child in parse.children(verb.i))


def check(parse: Parse) -> Iterator[Finding]:
    """Flag finite verbs whose form disagrees with their subject's number."""
    for verb in parse.tokens:
        if _bare_main_verb(parse, verb):
            verb = replace(verb, tag="VBP")
        if verb.tag not in ("VBZ", "VBP", "VBD") or (
            verb.tag == "VBD" and verb.lower not in ("was", "were")
        ):
            continue
        subject = _subject(parse, verb)
        if subject is None or _in_mandative_clause(parse, verb):
            continue
        subject = _antecedent(parse, verb, subject)
        if verb.lower == "were" and any(t.lower in _COUNTERFACTUAL for t in parse.tokens[: verb.i]):
            continue  # "as if he were", "I wish she were"
        if subject.i > verb.i and verb.lower not in ("is", "are", "was", "were", "has", "have"):
            continue
        number = subject_number(parse, subject)
        if number is None or not disagrees(verb, number):
            continue
        if verb.tag in ("VBZ", "VBP") and not inflection.is_known(verb.lower, "VERB"):
            continue  # a misspelling the tagger guessed at
        if verb.tag == "VBP" and inflection.inflection(verb.lower, "VBD") == verb.lower:
            continue  # "he read", "it cost": the past tense looks the same
        if subject.lower in _DEMONSTRATIVES and _complement_agrees_with_verb(parse, verb):
            fixed = match_case(subject.text, _DEMONSTRATIVES[subject.lower])
            said = message(
                "grammar.subject_verb_agreement.subject",
                subject=subject.text,
                verb=verb.text,
                fixed=fixed,
            )
            yield Finding(subject.start, subject.end, said, (fixed,))
            continue
        form = agreeing_form(verb, number)
        if not form:
            continue
        yield _replace_verb(parse, verb, match_case(verb.text, form), subject)


def _complement_agrees_with_verb(parse: Parse, verb: Token) -> bool:
    """ "This are my books": the noun after the verb is plural like the verb, so the
    demonstrative is the word out of step."""
    complement = next((c for c in parse.children(verb.i) if c.dep == "attr"), None)
    if complement is None:
        return False
    plural_verb = verb.lower in ("are", "were") or verb.tag == "VBP"
    return (complement.tag == "NNS") == plural_verb and complement.tag in ("NN", "NNS")


def _replace_verb(parse: Parse, verb: Token, form: str, subject: Token) -> Finding:
    """Replace the verb, taking a following "n't" along so "doesn't" becomes "don't"."""
    end, replacement = verb.end, form
    after = parse.next(verb.i)
    if after is not None and after.lower == "n't" and after.start == verb.end:
        end, replacement = after.end, form + after.text
    said = message("grammar.subject_verb_agreement", subject=subject.text, fixed=replacement)
    return Finding(verb.start, end, said, (replacement,))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.subject_verb_agreement",
        description="A verb that does not agree in number with its subject.",
        category=Category.CORRECTNESS,
        kind="agreement",
        severity=Severity.WARNING,
        examples=(
            bad("A bag of apples were on the table.", "A bag of apples was on the table."),
            bad("Neither of them know the answer.", "Neither of them knows the answer."),
            bad("Somebody want to see you.", "Somebody wants to see you."),
            bad("The amount of locations are large.", "The amount of locations is large."),
            bad("The list of names are long.", "The list of names is long."),
            bad("My friends was late again.", "My friends were late again."),
            bad("The results of the test is clear.", "The results of the test are clear."),
            bad("Each of the players have a ball.", "Each of the players has a ball."),
            bad("The people in this town doesn't care.", "The people in this town don't care."),
            bad("Everyone in the class want a break.", "Everyone in the class wants a break."),
            bad("He usually bring a book.", "He usually brings a book."),
            bad("This point affect the town.", "This point affects the town."),
            bad("One of my sisters live in Paris.", "One of my sisters lives in Paris."),
            bad(
                "We need a person who are good at maths.", "We need a person who is good at maths."
            ),
            bad("There are many students that is late.", "There are many students that are late."),
            good("A bag of apples was on the table."),
            good("Neither of them knows the answer."),
            good("The team are playing well this season."),
            good("A lot of people were there."),
            good("Bread and butter is my favourite breakfast."),
            good("Five dollars is too much for a coffee."),
            good("We insist that he go at once."),
            good("It requires that the writer make his point, or that he avoid detail."),
            good("If I were you, I would wait."),
            good("He talks as if he were the boss."),
            good("All that glitters is not gold."),
            good("The news is good."),
            good("The sheep are in the field."),
            good("Mathematics is hard."),
            good("The number of cases is rising."),
            good("The students who live here are happy."),
            good("Where are the keys?"),
            good("Here is the list of books you asked for."),
            good("The data are clear."),
            good("Everyone who came has left."),
            good("We need a person who is good at maths."),
            good("She is one of the students who are late."),
            good("The students who live here are happy."),
            good("It is the kind of book that sells well."),
            good("They read books, which is good for them."),
            good("The children make a mess."),
            good("Most student do well."),
            bad("Most student is lazy.", "Most student are lazy."),
            good("Some guy is at the door."),
            good("Recently scientist have found a cure."),
            good("Learning facts is important."),
            bad("Technology have changed our lives.", "Technology has changed our lives."),
            bad("I think pollution are a big problem.", "I think pollution is a big problem."),
            bad("My brother spend his money on games.", "My brother spends his money on games."),
            bad("Her son live in the city.", "Her son lives in the city."),
            good("Technologies have changed our lives."),
            good("Engineers have changed our lives."),
            good("I saw the boy leave early."),
            good("Let the dog run."),
            good("While she slept, he read."),
            good("Does she know?"),
            bad("These was the best days of my life.", "These were the best days of my life."),
            bad("This are my books.", "These are my books."),
            bad("My mother and my father is at home.", "My mother and my father are at home."),
            bad("The car and the bike was stolen.", "The car and the bike were stolen."),
            bad("He and his wife has a shop.", "He and his wife have a shop."),
            good("Every man and every woman has a vote."),
            good("The president and CEO is here."),
            good("My mother or my father is at home."),
            good("This is my book, and these are yours."),
            good("Those who know were silent."),
        ),
    ),
    TRIGGER,
    check,
)
