import itertools
import re
from collections import Counter, defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heartwork.domain.bonds import BondKind
from heartwork.domain.content_files import ContentError
from heartwork.domain.prompt_similarity import (
    NEAR_DUPLICATE,
    Similarity,
    concepts,
    content_words,
    jaccard,
    word_pairs,
)
from heartwork.domain.prompts import (
    CARE_TOPICS,
    TOPICS,
    IntimacyType,
    PastPrompt,
    build_library,
    count_sentences,
    coverage,
    pick_prompt,
    prompt_library,
)

LIBRARY = prompt_library()
MIN_PER_CELL = 20
# The (type, depth) cells that make sense for each kind of bond.
CELLS = {
    BondKind.PARTNER: list(IntimacyType),
    BondKind.FRIEND: [t for t in IntimacyType if t is not IntimacyType.SEXUAL],
    BondKind.FAMILY: [t for t in IntimacyType if t is not IntimacyType.SEXUAL],
    BondKind.COLLEAGUE: [
        IntimacyType.EMOTIONAL,
        IntimacyType.INTELLECTUAL,
        IntimacyType.SPIRITUAL,
        IntimacyType.EXPERIENTIAL,
    ],
}


def test_library_size():
    assert len(LIBRARY.prompts) >= 450


@pytest.mark.parametrize("kind", list(CELLS))
def test_coverage_of_every_cell_that_makes_sense(kind):
    table = coverage(LIBRARY)
    thin = {
        (t.value, depth): table.get((kind, t, depth), 0)
        for t in CELLS[kind]
        for depth in (1, 2, 3)
        if table.get((kind, t, depth), 0) < MIN_PER_CELL
    }
    assert thin == {}


def test_sexual_prompts_only_for_partners_and_physical_never_for_colleagues():
    for prompt in LIBRARY.prompts:
        if prompt.type is IntimacyType.SEXUAL:
            assert prompt.kinds == {BondKind.PARTNER}, prompt.id
        if prompt.type is IntimacyType.PHYSICAL:
            assert BondKind.COLLEAGUE not in prompt.kinds, prompt.id


def test_no_prompt_about_a_sensitive_topic_is_offered_to_colleagues():
    offered = [p.id for p in LIBRARY.prompts if p.topics and BondKind.COLLEAGUE in p.kinds]
    assert offered == []


# Words that show a prompt is about a sensitive topic: such a prompt must carry the topic.
# (Topics are also given by hand where no such word appears: "an old hurt", "hope feels
# thin".)
TELLING_WORDS = {
    "death": r"\b(?:die|dies|died|dying|death|dead|afterlife)\b",
    "grief": r"\b(?:griev\w*|grief|mourn\w*|bereave\w*)\b",
    "faith": r"\b(?:god|gods|faith|pray\w*|religio\w*|church|worship)\b",
    "health": r"\b(?:ill|illness|unwell|sick|injur\w*|health|disease)\b",
    "despair": r"\b(?:hopeless\w*|despair\w*|suicid\w*|the point of things)\b",
    "trauma": r"\b(?:trauma\w*|abuse\w*|assault\w*)\b",
    "coercion": r"\b(?:consent\w*|meant maybe|meaning maybe)\b",
}


def test_prompts_that_name_a_sensitive_subject_carry_its_topic():
    untagged = [
        (p.id, topic)
        for p in LIBRARY.prompts + LIBRARY.retired
        for topic, pattern in TELLING_WORDS.items()
        if re.search(pattern, " ".join((p.text, *p.follow_ups)).lower()) and topic not in p.topics
    ]
    assert untagged == []


def test_every_care_topic_is_used_and_the_yes_meaning_maybe_prompt_needs_care():
    used = {t for p in LIBRARY.prompts for t in p.topics}
    assert set(CARE_TOPICS) <= used
    maybe = [p for p in LIBRARY.prompts if re.search(r"\bmeant maybe\b", p.text)]
    assert maybe and all(p.needs_care for p in maybe)
    assert not LIBRARY.get("spiritual-3-005").needs_care  # grief: sensitive, no pointer
    assert LIBRARY.get("spiritual-3-011").needs_care  # despair


def test_ids_run_without_gaps_so_a_removed_prompt_is_retired_not_deleted():
    """Old rounds store prompt ids. Counting retired prompts, every (type, depth) cell runs
    001, 002, ... with no gap, so a prompt deleted instead of retired shows up here."""
    numbers = defaultdict(set)
    for prompt in LIBRARY.prompts + LIBRARY.retired:
        numbers[(prompt.type, prompt.depth)].add(int(prompt.id.rsplit("-", 1)[1]))
    gaps = {
        (t.value, depth): sorted(set(range(1, max(found) + 1)) - found)
        for (t, depth), found in numbers.items()
        if found != set(range(1, max(found) + 1))
    }
    assert gaps == {}
    assert all(p.retired for p in LIBRARY.retired)


# A follow-up that points back at something ("those moments", "that word") must find it in
# its own prompt; one copied from another prompt usually doesn't.
BACK_REFERENCES = {
    r"\b(?:those|these) (?:moments|times|days)\b": r"\b(?:when|moments?|times?|days?)\b",
    r"\bthat word\b": r"\bword",
    r"\bthat year\b": r"\byear",
    r"\bthat line\b": r"\bline\b",
    r"\bthat job\b": r"\bjob\b",
    r"\bthat hope\b": r"\bhope",
    r"\bthe note\b": r"\bnote\b",
    r"\bthat version\b": r"\bversion\b",
    r"\bthat person\b": r"\b(?:who|someone|person)\b",
}


def test_follow_ups_point_back_at_their_own_prompt():
    stray = [
        (p.id, follow_up)
        for p in LIBRARY.prompts
        for follow_up in p.follow_ups
        for reference, antecedent in BACK_REFERENCES.items()
        if re.search(reference, follow_up.lower()) and not re.search(antecedent, p.text.lower())
    ]
    assert stray == []


def test_the_back_reference_check_catches_a_follow_up_from_another_prompt():
    moved = {
        **RAW,
        "text": "Which part of your body have you been hardest on?",
        "follow_ups": ["Ask how they could have more of those moments."],
    }
    prompt = build_library([("a", moved)]).prompts[0]
    reference, antecedent = next(iter(BACK_REFERENCES.items()))
    assert re.search(reference, prompt.follow_ups[0].lower())
    assert not re.search(antecedent, prompt.text.lower())


# Telltale shapes of well-known published question sets (the "36 questions" study, couples'
# card decks). The library says everything in its own words; these catch a close echo.
PUBLISHED_SHAPES = (
    r"\b(?:die|died|time ran out) (?:tonight|tomorrow|this evening)\b",
    r"\bregret (?:not having told|leaving unsaid)\b",
    r"\blast cr(?:y|ied)\b",
    r"\bnothing to do with (?:my |your )?(?:looks|appearance)\b",
    r"\bcrystal ball\b",
    r"\bdinner guest\b",
    r"\bmost treasured memory\b",
    r"\bhow you will die\b",
    r"\bwhose death\b",
    r"\bwhen did you (?:first )?know (?:that )?you (?:loved|liked|were falling)\b",
    r"\bwake up tomorrow having gained\b",
    r"\bwhat is your favou?rite memory of us\b",
)


def test_no_prompt_echoes_a_published_question_set():
    echoes = [
        (p.id, shape)
        for p in LIBRARY.prompts
        for shape in PUBLISHED_SHAPES
        if re.search(shape, p.text.lower())
    ]
    assert echoes == []


def test_no_prompt_is_longer_than_two_sentences():
    assert [p.id for p in LIBRARY.prompts if count_sentences(p.text) > 2] == []


def test_every_theme_is_used_and_some_prompts_teach_follow_ups():
    assert len({p.theme for p in LIBRARY.prompts}) >= 15
    assert sum(1 for p in LIBRARY.prompts if p.follow_ups) >= len(LIBRARY.prompts) // 5


def test_no_near_duplicates():
    """Pairs that share most of their content words, or most of their word pairs (so
    they read almost the same), are not allowed."""
    bags = {p.id: content_words(p.text) for p in LIBRARY.prompts}
    pairs = {p.id: word_pairs(p.text) for p in LIBRARY.prompts}
    too_close = [
        (a.id, b.id)
        for index, b in enumerate(LIBRARY.prompts)
        for a in LIBRARY.prompts[:index]
        if jaccard(bags[a.id], bags[b.id]) >= 0.6 or jaccard(pairs[a.id], pairs[b.id]) >= 0.5
    ]
    assert too_close == []


def test_similarity_measures_catch_reworded_copies():
    a = content_words("What is a small thing that always makes you smile?")
    b = content_words("What small thing always makes you smile these days?")
    assert jaccard(a, b) >= 0.6
    c = word_pairs("When did you last feel truly proud of yourself, and why?")
    d = word_pairs("When did you last feel truly proud of yourself?")
    assert jaccard(c, d) >= 0.5


SIMILARITY = Similarity(p.text for p in LIBRARY.prompts)

# Pairs that ask the same thing in other words, written for this test (not from the
# library): the meaning check must catch every one.
SAME_QUESTION = [
    ("What is your favourite memory of us?", "What's the best moment we've shared?"),
    ("What are you most afraid of losing?", "Which loss do you fear most?"),
    ("Who taught you what kindness looks like?", "Who showed you how to be kind?"),
    ("What did you want to be when you were a kid?", "As a child, what did you dream of becoming?"),
    ("What song always lifts your mood?", "Which piece of music never fails to cheer you up?"),
    ("What are you grateful for today?", "What are you thankful for right now?"),
    (
        "When did you last feel truly proud of yourself?",
        "What's the last thing you were proud of yourself for?",
    ),
    (
        "What do you wish people understood about your work?",
        "What do people most misunderstand about your job?",
    ),
    (
        "What habit from your childhood home do you still keep?",
        "Which routine from the house you grew up in have you held on to?",
    ),
    ("What do you believe happens after we die?", "What do you think happens when we die?"),
    ("What small thing made you smile today?", "What little thing today made you grin?"),
    ("What is a fear you have outgrown?", "Which worry have you let go of over the years?"),
    (
        "What kind of touch helps you relax when you're stressed?",
        "When you're tense, what sort of touch soothes you?",
    ),
    ("Which goodbye has stayed with you the longest?", "What farewell do you still think about?"),
]

# Pairs that share words or a shape but ask different things: the check must let them be.
DIFFERENT_QUESTIONS = [
    ("What is your favourite memory of us?", "What's your favourite meal to cook?"),
    ("What are you most afraid of losing?", "What are you most looking forward to this month?"),
    ("What made you laugh today?", "What made you angry today?"),
    ("What did you love learning about as a child?", "What do you love about your work now?"),
    ("How do you like to be greeted after time apart?", "How did your family greet each other?"),
    ("What's the best question anyone has asked you?", "What's the best nap you've ever had?"),
    ("What scares you about the future of the world?", "What scares you about getting older?"),
    ("What risk do you think more people should take?", "What risk are you glad you took?"),
    ("Which song makes you want to dance?", "Which song reminds you of your grandmother?"),
    ("What do you appreciate about how I treat you?", "What can your body do that you appreciate?"),
    ("When do you feel most at home?", "When do you feel most tired?"),
]


def test_no_two_prompts_ask_the_same_thing_in_other_words():
    texts = {p.id: p.text for p in LIBRARY.prompts}
    assert SIMILARITY.near_duplicates(texts, NEAR_DUPLICATE) == []


@pytest.mark.parametrize(("a", "b"), SAME_QUESTION)
def test_the_meaning_check_catches_the_same_question_in_other_words(a, b):
    assert SIMILARITY.score(a, b) >= NEAR_DUPLICATE


@pytest.mark.parametrize(("a", "b"), DIFFERENT_QUESTIONS)
def test_the_meaning_check_lets_different_questions_be(a, b):
    assert SIMILARITY.score(a, b) < NEAR_DUPLICATE


def test_the_meaning_check_sees_past_the_words():
    a, b = SAME_QUESTION[0]
    assert content_words(a).isdisjoint(content_words(b))  # not one word in common
    assert concepts(a) == concepts(b) == {"best", "memory", "together"}
    assert SIMILARITY.score(a, b) == SIMILARITY.score(b, a)
    assert SIMILARITY.score(a, a) > 0.8


RAW = {
    "id": "emotional-1-001",
    "text": "What made you laugh today?",
    "type": "emotional",
    "depth": 1,
    "kinds": ["friend"],
    "theme": "humour",
}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"text": "One. Two. Three?"}, "two sentences"),
        ({"depth": 4}, "depth"),
        ({"theme": "cats"}, "theme"),
        ({"type": "telepathic"}, "telepathic"),
        ({"kinds": ["friend", "enemy"]}, "enemy"),
        (
            {
                "type": "physical-sexual",
                "id": "physical-sexual-1-001",
                "kinds": ["partner", "friend"],
            },
            "partners only",
        ),
        (
            {
                "type": "physical-nonsexual",
                "id": "physical-nonsexual-1-001",
                "kinds": ["colleague"],
            },
            "not for colleagues",
        ),
        ({"id": "Bad Id"}, "shaped"),
        ({"id": "emotional-2-001"}, "does not match its type and depth"),
        ({"topics": ["gossip"]}, "topics"),
        ({"topics": "death"}, "topics"),
        ({"topics": ["death", "death"]}, "listed twice"),
        ({"kinds": ["friend", "colleague"], "topics": ["grief"]}, "not for colleagues"),
        ({"retired": "old"}, "unknown field"),
    ],
)
def test_schema_violations_are_refused(change, problem):
    with pytest.raises(ContentError, match=problem):
        build_library([("test", {**RAW, **change})])


@pytest.mark.parametrize(
    ("topics", "sensitive", "needs_care"),
    [
        ([], False, False),
        (["grief"], True, False),
        (["faith", "death"], True, False),
        (["despair"], True, True),
        (["trauma"], True, True),
        (["coercion"], True, True),
    ],
)
def test_topics_make_a_prompt_sensitive_and_some_ask_for_a_pointer_to_help(
    topics, sensitive, needs_care
):
    prompt = build_library([("a", {**RAW, "topics": topics})]).prompts[0]
    assert prompt.topics == frozenset(topics)
    assert (prompt.sensitive, prompt.needs_care) == (sensitive, needs_care)


def test_care_topics_are_known_topics():
    assert set(CARE_TOPICS) <= set(TOPICS)


RETIRED = {**RAW, "id": "emotional-1-002", "text": "What made you grin?", "retired": "a copy"}


def test_a_retired_prompt_is_found_by_id_but_never_offered():
    library = build_library([("a", RAW)], [("r", RETIRED)])
    old = library.get("emotional-1-002")
    assert old is not None and old.retired and old.text == "What made you grin?"
    assert [p.id for p in library.prompts] == ["emotional-1-001"]
    assert old not in library.eligible(kind=BondKind.FRIEND, sexual_allowed=True)
    assert library.history(["emotional-1-002", "emotional-1-001"]) == [
        PastPrompt("emotional-1-002", IntimacyType.EMOTIONAL),
        PastPrompt("emotional-1-001", IntimacyType.EMOTIONAL),
    ]
    assert library.get("emotional-1-999") is None


@pytest.mark.parametrize(
    ("retired", "problem"),
    [
        ({**RETIRED, "retired": " "}, "why it was retired"),
        ({**RETIRED, "id": "emotional-1-001"}, "duplicate id"),
        ({**RETIRED, "kinds": ["colleague"], "topics": ["grief"]}, "not for colleagues"),
    ],
)
def test_retired_prompts_are_validated_too(retired, problem):
    with pytest.raises(ContentError, match=problem):
        build_library([("a", RAW)], [("r", retired)])


def test_an_unknown_field_is_refused_rather_than_dropped():
    with pytest.raises(ContentError, match=r"unknown field.*follow_up"):
        build_library([("a", {**RAW, "follow_up": ["Why?"]})])


def test_duplicate_ids_and_texts_are_refused():
    with pytest.raises(ContentError, match="duplicate id"):
        build_library([("a", RAW), ("b", {**RAW, "text": "Another?"})])
    with pytest.raises(ContentError, match="duplicate text"):
        build_library(
            [
                ("a", RAW),
                ("b", {**RAW, "id": "emotional-1-002", "text": "what made you LAUGH today"}),
            ]
        )


# --- choosing -------------------------------------------------------------------------


def run_days(kind, depth, days, sexual_allowed=False):
    history = []
    for day in range(days):
        prompt = pick_prompt(
            LIBRARY,
            kind=kind,
            depth=depth,
            history=history,
            sexual_allowed=sexual_allowed,
            seed=f"bond|{day}",
        )
        history.append(PastPrompt(prompt.id, prompt.type))
    return history


def test_history_from_ids_keeps_order_and_repeats_and_drops_retired_prompts():
    first, second = LIBRARY.prompts[0], LIBRARY.prompts[1]
    history = LIBRARY.history([first.id, "retired-prompt-id", second.id, first.id])
    assert history == [
        PastPrompt(first.id, first.type),
        PastPrompt(second.id, second.type),
        PastPrompt(first.id, first.type),
    ]
    assert LIBRARY.history([]) == []


@pytest.mark.parametrize("kind", list(BondKind))
def test_no_repeat_until_the_pool_is_exhausted(kind):
    pool = [p for p in LIBRARY.eligible(kind=kind, sexual_allowed=False) if p.depth == 2]
    history = run_days(kind, 2, len(pool) + 5)
    first_round = [h.prompt_id for h in history[: len(pool)]]
    assert len(set(first_round)) == len(pool)
    assert {h.prompt_id for h in history[len(pool) :]} <= set(first_round)


@pytest.mark.parametrize("kind", [BondKind.PARTNER, BondKind.COLLEAGUE])
def test_rotation_across_types(kind):
    history = run_days(kind, 1, 24)
    types = [h.type for h in history]
    per_type = Counter(types)
    assert max(per_type.values()) - min(per_type.values()) <= 1  # no type neglected
    assert all(a != b for a, b in itertools.pairwise(types))  # never the same type twice in a row


def test_sexual_prompts_only_when_allowed():
    without = run_days(BondKind.PARTNER, 1, 40)
    assert IntimacyType.SEXUAL not in {h.type for h in without}
    with_opt_in = run_days(BondKind.PARTNER, 1, 40, sexual_allowed=True)
    assert IntimacyType.SEXUAL in {h.type for h in with_opt_in}


@settings(max_examples=50, deadline=None)
@given(kind=st.sampled_from(list(BondKind)), depth=st.integers(1, 3), seed=st.text(max_size=10))
def test_pick_respects_kind_and_depth_and_is_deterministic(kind, depth, seed):
    a = pick_prompt(LIBRARY, kind=kind, depth=depth, history=[], sexual_allowed=False, seed=seed)
    b = pick_prompt(LIBRARY, kind=kind, depth=depth, history=[], sexual_allowed=False, seed=seed)
    assert a == b and a.depth == depth and a.suits(kind) and a.type is not IntimacyType.SEXUAL


def test_exclude_gives_a_different_prompt():
    first = pick_prompt(
        LIBRARY, kind=BondKind.FRIEND, depth=1, history=[], sexual_allowed=False, seed="s"
    )
    second = pick_prompt(
        LIBRARY,
        kind=BondKind.FRIEND,
        depth=1,
        history=[],
        sexual_allowed=False,
        seed="s",
        exclude=[first.id],
    )
    assert second.id != first.id
