"""How alike two prompt texts are: the measures behind the tests that keep the library
free of near-duplicates.

Word overlap (content words, adjacent word pairs) catches a prompt copied with a few words
swapped; ``Similarity`` catches one that asks the same thing in other words.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import TypeVar

from heartwork.domain.prompts import words

T = TypeVar("T")

# --- Word overlap -------------------------------------------------------------------------

_OVERLAP_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "do",
        "does",
        "did",
        "for",
        "from",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "we",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "our",
        "us",
    ]
)


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in words(text) if w not in _OVERLAP_STOP_WORDS)


def word_pairs(text: str) -> frozenset[tuple[str, str]]:
    """Adjacent word pairs, stop words included: two texts that share most of these read
    almost the same, even when a few words were swapped."""
    return frozenset(itertools.pairwise(words(text)))


def jaccard(a: frozenset[T], b: frozenset[T]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


# --- Meaning ------------------------------------------------------------------------------
#
# Word overlap misses a prompt that asks the same thing in other words: "your favourite
# memory of us" and "the best moment we've shared" have no content word in common. So each
# text is first reduced to the *concepts* it names:
#
# 1. set phrases become one concept ("grew up" → childhood, "let it go" → letting-go);
# 2. the words that only hold a question together ("what", "would", "something") are
#    dropped and the rest lose their endings (a small suffix-stripper);
# 3. a hand-written synonym map folds words that mean the same here into one concept
#    (favourite/best/treasured, memory/moment/relive, afraid/scared/worry, ...).
#
# Two texts are then compared by the cosine of their concept sets, each concept weighted by
# how rare it is in the library (inverse document frequency), so sharing "goodbye" counts
# for far more than sharing "together". Two safeguards keep short prompts from looking
# alike because of one word: a small constant is added to each text's squared length, and a
# pair that shares fewer than two topic concepts (concepts beyond the ones that only frame
# a question, such as "wish", "best" or "together") counts at 60%, unless both name exactly
# the same topic concepts.
#
# Deterministic, standard library only. The threshold was tuned against the library and
# against near-duplicate and distinct pairs written for tests/domain/test_prompts.py.

NEAR_DUPLICATE = 0.6

_STOP_WORDS_TEXT = """
    a about actually again all also am an and any anyone anything are as at be been being
    better both bring brings but by came can could come comes coming deeply describe did do
    does doing done during each either else especially even ever every everyone far feel
    feeling feels felt find for found from gave get gets getting give given gives giving go
    going got had has have having honestly how however i idea ideas if in into is it its
    just kind lately let lets like made make makes making may me mean means might more most
    much my name nobody not now of off often on one onto or other others our out over
    particular people person pick piece picture probably quietly quite really recently
    right should side sides simply so some someone something sort still tend than that the
    their them then there these they thing things think this those thought to today too
    truly up used usually very was way ways were what whatever when where which while who
    whom why will with would yet you your yours yourself
"""
# Words that hold a question together but say nothing about what it asks.
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# Set phrases naming one concept, matched (and taken out) before the words are split.
_PHRASES = {
    "childhood": (
        r"(?:grew|growing|grow) up",
        r"as a (?:kid|child)",
        r"when you were (?:little|small|young)",
    ),
    "become": (r"want(?:ed)? to be when",),
    "always": (r"never fails? to",),
    "teach": (r"showed you",),
    "wordless": (r"without (?:saying )?a word", r"wordless"),
    "obstacle": (r"stands? in the way", r"standing in the way", r"holds? you back"),
    "mortality": (
        r"(?:run|ran|running) out of time",
        r"while you still can",
        r"time ran out",
        r"after we die",
    ),
    "memory": (
        r"(?:go|went|going|come|coming) back to",
        r"return to",
        r"look back",
        r"think back",
        r"press replay",
        r"(?:carries|takes|took|carry) you back",
    ),
    "letting-go": (
        r"changed? your mind",
        r"hold (?:it )?(?:more )?loosely",
        r"set (?:it )?down",
        r"let (?:it |them )?go",
        r"letting go",
        r"(?:grown|grow|grew) out of",
    ),
    "lonely": (r"out of step", r"left out", r"on your own"),
    "coping": (
        r"find your footing",
        r"get through",
        r"got through",
        r"helped you through",
        r"keeps? you going",
        r"cope",
    ),
    "hard-times": (
        r"bad day",
        r"hard day",
        r"hardest days",
        r"hard time",
        r"darkest",
        r"feels thin",
        r"when you'?re low",
        r"tough week",
    ),
    "care": (r"look(?:ed)? after", r"show (?:that )?i care", r"car(?:e|ing) for", r"kindest thing"),
    "unspoken": (
        r"never (?:said|told|mentioned)",
        r"out loud",
        r"keep (?:it )?to yourself",
        r"(?:held|hold) back",
        r"rarely let",
    ),
    "keep": (r"hold(?:ing)? on to", r"held on to"),
    "values": (r"stand for",),
    "linger": (r"stay(?:ed|s)? with you", r"still think about", r"pops? into your head"),
    "forgive": (r"made peace", r"make peace"),
    "ageing": (r"(?:getting|growing|get|grow) older", r"as you age"),
    "seen": (r"truly seen", r"really seen"),
    "legacy": (r"remembered for", r"remember you for"),
    "kindness": (r"be kind", r"kind to"),
    "uplift": (r"cheers? you up", r"lifts? your mood"),
    "dream": (r"bucket list", r"someday list", r"always wanted to"),
}
PHRASES = tuple(
    (re.compile(r"\b(?:" + "|".join(patterns) + r")\b"), concept)
    for concept, patterns in _PHRASES.items()
)

# Words that mean the same thing in these prompts, under one concept name.
_SYNONYMS = {
    "best": "favourite favorite best treasured treasure fondest cherish cherished dearest",
    "memory": "memory memories remember remembered recall relive replay moment moments",
    "together": "shared share sharing together between alongside us we our ours",
    "fear": "fear fears afraid scared scare scares scary frighten frightens dread worry "
    "worries worried nervous anxious",
    "loss": "lose losing loss lost grief grieve grieving goodbye goodbyes farewell",
    "mortality": "die dies death dying dead died",
    "laugh": "laugh laughing laughed laughter funny funniest humour humor joke jokes",
    "smile": "smile smiled smiling grin grinning",
    "hurt": "hurt hurts hurting pain painful wound wounds ache",
    "childhood": "child childhood children kid kids raised upbringing",
    "family": "family families parent parents mother father mum dad relative relatives ancestor",
    "home": "home house",
    "belief": "believe believed belief beliefs opinion opinions conviction",
    "certain": "sure certain convinced",
    "letting-go": "unlearn unlearning unlearned rethink reconsider outgrown outgrow shrunk shrank",
    "grateful": "grateful thankful thank thanks gratitude",
    "appreciate": "appreciate appreciated appreciating",
    "understand": "understand understood misunderstand misunderstood",
    "seen": "seen",
    "hidden": "hide hidden hiding secret secrets conceal",
    "faith": "god prayer pray religion religious faith",
    "hug": "hug hugs hugged cuddle cuddles embrace",
    "touch": "touch touched touching",
    "tired": "tired exhausted weary drained sluggish tiredness",
    "ill": "ill unwell sick illness injured fragile",
    "upset": "upset struggling distressed stressed tense",
    "comfort": "comfort comforting comforted",
    "calm": "calm calmer calming soothe soothes soothing relax relaxed relaxing unwind",
    "longing": "long longing crave craving yearn yearning",
    "wish": "wish wishes hope hopes hoping",
    "dream": "dream dreams dreamed someday",
    "ritual": "ritual rituals tradition traditions",
    "habit": "habit habits routine routines",
    "proud": "proud pride proudest",
    "risk": "risk risks gamble leap",
    "say": "say said tell told unsaid mention mentioned",
    "forgive": "forgive forgiven forgiveness forgiving",
    "food": "meal meals dish dishes cook cooking recipe food",
    "learn": "learn learned learning study class course",
    "place": "place places spot spots corner",
    "greet": "greet greeting greeted welcome welcomed",
    "music": "song songs music tune playlist",
    "smell": "smell smells scent",
    "nature": "nature natural",
    "awe": "wonder amaze amazes amazed awe marvel goosebumps",
    "values": "value values principle principles moral",
    "rest": "rest rested lazy",
    "ease": "cosy ease steady steadies",
    "lonely": "lonely alone isolated",
    "care": "care caring cared",
    "kindness": "kindness kinder gentle gentler",
    "regret": "regret regrets",
    "shape": "shape shapes shaped colours influence",
    "work": "work job jobs career workplace workday",
    "become": "become becoming",
    "small": "small little tiny",
    "always": "always",
    "teach": "teach teaches taught teaching",
    "keep": "keep kept",
    "uplift": "lift lifts cheer cheers boost",
    "ageing": "older ageing aging",
}

# Words that frame a question rather than say what it is about.
_FRAME_WORDS = (
    "best together wish say unspoken want love happily glad never time day life year small "
    "enjoy good new always past help"
)
# Added to each text's squared length, so two very short texts don't look identical
# because of one shared word.
LENGTH_PRIOR = 5.0
# How much the cosine of a pair counts when it shares fewer than two topic concepts.
SINGLE_CONCEPT_FACTOR = 0.6

_SUFFIXES = ("ingly", "edly", "ness", "ment", "ings", "ing", "ied", "ies", "ed", "ly", "es", "s")


def stem(word: str) -> str:
    """A light suffix-stripper: enough to fold "laughing", "laughed" and "laughs"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _synonym_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for concept, members in _SYNONYMS.items():
        for word in members.split():
            table[word] = concept
            table.setdefault(stem(word), concept)
    return table


SYNONYMS = _synonym_table()
FRAME_CONCEPTS = frozenset(SYNONYMS.get(w, stem(w)) for w in _FRAME_WORDS.split())


def concepts(text: str) -> frozenset[str]:
    """The concepts a text names, after set phrases, stop words, stems and synonyms."""
    normalised = " ".join(re.sub(r"[^a-z' ]+", " ", text.lower().replace("’", "'")).split())
    found: set[str] = set()
    for pattern, concept in PHRASES:
        if pattern.search(normalised):
            found.add(concept)
            normalised = pattern.sub(" ", normalised)
    for raw in normalised.split():
        word = re.sub(r"'(?:s|d|re|ve|ll|m)$", "", raw.strip("'")).removesuffix("n't")
        if word and word not in STOP_WORDS:
            found.add(SYNONYMS.get(word) or SYNONYMS.get(stem(word)) or stem(word))
    return frozenset(found)


class Similarity:
    """Compares texts by meaning, with concept weights learnt from a corpus (the library).

    A concept the corpus never used counts as the rarest there is.
    """

    def __init__(self, corpus: Iterable[str]) -> None:
        documents = [concepts(text) for text in corpus]
        counts: Counter[str] = Counter()
        for document in documents:
            counts.update(document)
        size = len(documents)
        self._idf = {c: math.log((1 + size) / (1 + n)) + 1 for c, n in counts.items()}
        self._unseen = math.log(1 + size) + 1

    def weights(self, text: str) -> dict[str, float]:
        return {c: self._idf.get(c, self._unseen) for c in concepts(text)}

    def score(self, a: str, b: str) -> float:
        """From 0 (nothing in common) towards 1 (the same question)."""
        return _score(self.weights(a), self.weights(b))

    def near_duplicates(
        self, texts: Mapping[str, str], threshold: float = NEAR_DUPLICATE
    ) -> list[tuple[str, str, float]]:
        """Every pair of texts (by key) scoring at least ``threshold``, closest first."""
        weights = {key: self.weights(text) for key, text in texts.items()}
        sharing: defaultdict[str, list[str]] = defaultdict(list)
        for key, found in weights.items():
            for concept in found:
                sharing[concept].append(key)
        # Only texts that share a concept can score above zero.
        candidates = {
            (a, b) if a < b else (b, a)
            for keys in sharing.values()
            for a, b in itertools.combinations(keys, 2)
        }
        close = [(a, b, _score(weights[a], weights[b])) for a, b in sorted(candidates)]
        return sorted(
            [(a, b, round(s, 3)) for a, b, s in close if s >= threshold], key=lambda p: -p[2]
        )


def _score(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    shared = a.keys() & b.keys()
    if not shared:
        return 0.0
    dot = sum(a[c] * b[c] for c in shared)
    length_a = math.sqrt(sum(w * w for w in a.values()) + LENGTH_PRIOR)
    length_b = math.sqrt(sum(w * w for w in b.values()) + LENGTH_PRIOR)
    cosine = dot / (length_a * length_b)
    topics_a, topics_b = a.keys() - FRAME_CONCEPTS, b.keys() - FRAME_CONCEPTS
    if len(topics_a & topics_b) < 2 and topics_a != topics_b:
        cosine *= SINGLE_CONCEPT_FACTOR
    return cosine
