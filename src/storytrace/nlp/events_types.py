"""The PLOVER type of a trigger in its clause: negation, intention, obligation and what is withdrawn.

"will help" is AGREE and "will attack" THREATEN (PLOVER codes intentions); "refused to help" REJECT;
"is willing to withdraw" AGREE; "X said Y must return" REQUEST; "the army prepared to resume
shelling" MOBILIZE. Withdrawing or expelling an international presence (diplomats, inspectors,
peacekeepers, aid workers) reduces relations: SANCTION, or THREATEN when announced; expelling
anyone else is COERCE, and a withdrawal of forces announced for later an AGREE.
"""

from __future__ import annotations

from spacy.tokens import Token

COOPERATIVE = frozenset({"CONSULT", "CONCEDE", "AID", "COOPERATE", "SUPPORT"})
REFUSED_WHEN_NEGATED = COOPERATIVE | {"AGREE", "RETREAT"}
HOSTILE = frozenset({"ASSAULT", "SANCTION", "COERCE", "PROTEST", "MOBILIZE"})
WILLING = frozenset({"willing", "ready", "prepared"})
OBLIGATION = frozenset({"must", "should"})
INTENT_VERBS = frozenset({"swear", "vow", "pledge", "promise", "plan", "intend", "prepare"})
FUTURE_WORDS = frozenset({"will", "would", "shall", "'ll", "’ll"})
HYPOTHETICAL_WORDS = frozenset({"if", "unless", "could", "might", "may"})
WITHDRAWING = frozenset({"withdraw", "pull", "recall", "evacuate", "withdrawal"})
EXPELLING = frozenset({"expel", "expulsion", "deport"})
PRESENCE = frozenset({"inspector", "observer", "monitor", "peacekeeper", "diplomat", "ambassador", "envoy",
                      "embassy", "mission", "worker", "agency", "staff", "personnel", "delegation", "consul"})
RESIGNING = frozenset({"resign", "resignation"})

def event_type(token: Token, kind: str, reported: bool) -> str:
    if negated(token) and kind in REFUSED_WHEN_NEGATED:
        return "REJECT"  # "will not accept refugees"
    kind = _by_what_leaves(token, kind)
    modals = _modal_words(token)
    intent = _intent_verb(token)
    if intent is not None:
        if intent.lemma_.lower() == "prepare" and kind in HOSTILE:
            return "MOBILIZE"  # "the army prepared to resume shelling" shows force
        modals.add("will")  # "sworn to fight" is an intention, coded like "will fight"
    if reported and modals & OBLIGATION:
        return "REQUEST"
    if _willing(token):
        return "AGREE"
    if modals & FUTURE_WORDS:
        return _announced(token, kind)
    return kind

def _announced(token: Token, kind: str) -> str:
    if token.lemma_.lower() in RESIGNING:
        return kind
    if hypothetical(token) and kind not in COOPERATIVE | {"AGREE", "THREATEN"}:
        return "THREATEN"
    if kind in COOPERATIVE or kind == "RETREAT":
        return "AGREE"
    if kind in HOSTILE:
        return "THREATEN"
    return kind

def _by_what_leaves(token: Token, kind: str) -> str:
    lemma = token.lemma_.lower()
    if lemma in WITHDRAWING and _presence_leaves(token):
        return "SANCTION"
    if lemma in EXPELLING:
        return "SANCTION" if _presence_leaves(token) else "COERCE"
    return kind

def _presence_leaves(token: Token) -> bool:
    """The object (or passive subject) is diplomats, inspectors, peacekeepers, aid workers ..."""
    objects = [child for child in token.children if child.dep_ in ("dobj", "nsubjpass", "pobj", "prep")]
    words = {item.lemma_.lower() for child in objects for item in child.subtree}
    return bool(words & PRESENCE)

def _modal_words(token: Token) -> set[str]:
    chain = [token, token.head, token.head.head]
    return {child.lower_ for item in chain for child in item.children if child.dep_ == "aux"}

def _intent_verb(token: Token) -> Token | None:
    """"sworn to fight", "prepared to resume shelling" (through one more complement verb)."""
    for item in (token, token.head):
        if to_clause(item) and item.head.lemma_.lower() in INTENT_VERBS:
            return item.head
    return None

def to_clause(token: Token) -> bool:
    return token.dep_ == "xcomp" or (token.dep_ == "advcl" and any(child.lower_ == "to" for child in token.children))

def _willing(token: Token) -> bool:
    """"is willing to", "is prepared to": the adjective, not the verb ("the army prepared to")."""
    for word in (token.head, token.head.head):
        if word.lower_ in WILLING and (word.pos_ == "ADJ" or any(child.lemma_ == "be" for child in word.children)):
            return True
    return False

def negated(token: Token) -> bool:
    chain = [token, token.head] if token.dep_ in ("xcomp", "dobj") else [token]
    return any(child.dep_ == "neg" for item in chain for child in item.children)

def future(token: Token) -> bool:
    chain = [token, token.head, token.head.head]
    return any(child.lower_ in FUTURE_WORDS for item in chain for child in item.children if child.dep_ == "aux")

def hypothetical(token: Token) -> bool:
    """A modal ("could", "might") on the event, or a condition ("if", "unless") in its clause."""
    chain = [token, token.head]
    modals = {child.lower_ for item in chain for child in item.children if child.dep_ == "aux"}
    conditions = {item.lower_ for item in token.subtree if item.dep_ == "mark"}
    return bool((modals | conditions) & HYPOTHETICAL_WORDS)
