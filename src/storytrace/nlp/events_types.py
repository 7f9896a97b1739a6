"""The PLOVER type of a trigger in its clause: negation, intention, obligation and what is withdrawn.

"will help" is AGREE and "will attack" THREATEN (PLOVER codes intentions); "refused to help" REJECT;
"is willing to withdraw" AGREE; "X said Y must return" REQUEST; "the army prepared to resume
shelling" MOBILIZE. Withdrawing or expelling an international presence (diplomats, inspectors,
peacekeepers, aid workers) reduces relations: SANCTION, or THREATEN when announced; expelling
anyone else is COERCE, and a withdrawal of forces announced for later an AGREE. Sending troops is
MOBILIZE (food, AID), releasing funds AID, suspending a curfew or calling off a strike CONCEDE,
seizing a town ASSAULT, evacuating the wounded AID, forcing an agency out of a country SANCTION.
``clause_cue`` decides the cues a clause makes of a word ("established relations", "took to the
streets", "allowed peacekeepers in", "received a mission of observers", "held them as human
shields", "declared a ceasefire"), and demands made by demonstrating crowds, like their force, are
PROTEST (the codebook's exception to DEMAND).
"""

from __future__ import annotations

from spacy.tokens import Token

from storytrace.nlp.events_actors import is_crowd
from storytrace.nlp.plover import EventCue, sector_words

COOPERATIVE = frozenset({"CONSULT", "CONCEDE", "AID", "COOPERATE", "SUPPORT"})
REFUSED_WHEN_NEGATED = COOPERATIVE | {"AGREE", "RETREAT"}
HOSTILE = frozenset({"ASSAULT", "SANCTION", "COERCE", "PROTEST", "MOBILIZE"})
WILLING = frozenset({"willing", "ready", "prepared"})
OBLIGATION = frozenset({"must", "should"})
INTENT_VERBS = frozenset({"swear", "vow", "pledge", "promise", "plan", "intend", "prepare"})
FUTURE_WORDS = frozenset({"will", "would", "shall", "'ll", "’ll"})
HYPOTHETICAL_WORDS = frozenset({"if", "unless", "could", "might", "may"})
WITHDRAWING = frozenset({"withdraw", "pull", "recall", "evacuate", "withdrawal", "ship"})
EXPELLING = frozenset({"expel", "expulsion", "deport"})
PUTTING_OUT = frozenset({"force", "drive", "kick", "throw", "push", "chase"})  # "forced the agency out of the country"
FIGHTERS = frozenset({"rebel", "militant", "guerrilla", "insurgent", "fighter", "troop", "force", "soldier", "militia",
                      "militiaman", "army", "gunman"})  # driven out of a town by force of arms
PRESENCE = frozenset({"inspector", "observer", "monitor", "peacekeeper", "diplomat", "ambassador", "envoy",
                      "embassy", "mission", "worker", "agency", "staff", "personnel", "delegation", "consul",
                      "peacekeepers", "inspectors", "observers", "monitors"})
RESIGNING = frozenset({"resign", "resignation"})
OCCUPYING = frozenset({"seize", "occupy", "annex", "take", "overrun"})
TERRITORY = frozenset({"town", "village", "city", "territory", "base", "area", "airport", "region", "province",
                       "island", "hill", "port", "garrison", "stronghold", "border", "district", "capital", "outpost",
                       "position", "enclave", "peninsula", "valley"})
PEOPLE = frozenset({"civilian", "foreigner", "national", "citizen", "refugee", "resident", "people", "tourist",
                    "wounded", "wound", "injured", "sick", "child", "family", "villager", "expatriate"})
BARRING = frozenset({"ban", "bar", "restrict", "block", "halt", "stop", "suspend", "embargo", "prohibit", "freeze"})
EXCHANGES = frozenset({"import", "export", "trade", "flight", "investment", "shipment", "aid", "loan", "visa",
                       "credit", "asset", "assistance", "sale"})
RELEASING = frozenset({"release", "free", "disburse", "unfreeze", "unblock"})
MONEY = frozenset({"aid", "fund", "funds", "money", "loan", "credit", "tranche", "grant", "assistance", "million",
                   "billion", "$", "dollar", "food", "supply", "supplies"})
ENDING = frozenset({"suspend", "halt", "freeze", "end", "call", "stop"})
RESTRICTIONS = frozenset({"curfew", "ban", "sanction", "sanctions", "restriction", "embargo", "blockade", "emergency",
                          "strike", "protest", "boycott", "demonstration", "tariff", "censorship", "execution"})
COMBAT = frozenset({"offensive", "attack", "bombing", "shelling", "fighting", "hostility", "hostilities", "raid",
                    "airstrike", "operation", "bombardment", "assault", "advance"})
HANDING = frozenset({"hand", "turn", "surrender", "give"})
CEDED = frozenset({"weapon", "arm", "gun", "control", "territory", "town", "city", "area", "region", "base",
                   "province", "village", "post", "position", "power"})
SENDING = frozenset({"send", "dispatch", "rush", "move"})
FORCES = frozenset({"troop", "soldier", "force", "warship", "ship", "tank", "aircraft", "plane", "jet", "warplane",
                    "battalion", "unit", "division", "brigade", "reinforcement", "paratrooper", "marine", "gunboat",
                    "carrier", "submarine", "helicopter", "bomber", "fighter", "missile", "policeman", "police"})
CANCELLING = frozenset({"cancel", "postpone", "suspend", "call", "break", "halt", "freeze", "pull", "withdraw",
                        "quit", "abandon", "boycott"})
MEETINGS = frozenset({"talk", "talks", "meeting", "visit", "summit", "negotiation", "conference", "trip", "tour",
                      "dialogue", "discussion", "consultation", "treaty", "accord", "agreement", "pact"})

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
    if lemma in SENDING and _objects(token) & FORCES:
        return "MOBILIZE"  # "sent warships", not "sent food"
    if kind == "COERCE" and lemma in OCCUPYING and _objects(token, direct=True) & TERRITORY:
        return "ASSAULT"  # "seized the border town": military occupation, not confiscation
    if lemma == "evacuate" and _objects(token) & PEOPLE:
        return "AID"  # "evacuated 500 foreigners" rescues them
    if lemma in BARRING and _objects(token) & EXCHANGES:
        return "SANCTION"  # "banned imports from", "halted flights to"
    if lemma in RELEASING and _objects(token) & MONEY:
        return "AID"  # "released $10 million in aid"
    if kind == "SANCTION" and lemma in ENDING and (_objects(token, direct=True) & COMBAT or _air_strikes(token)):
        return "RETREAT"  # "halted its offensive", "suspended air strikes": ending active conflict
    if kind == "SANCTION" and lemma in ENDING and _objects(token, direct=True) & RESTRICTIONS:
        return "CONCEDE"  # "suspended the curfew", "called off the strike"
    if lemma in HANDING and _objects(token) & CEDED:
        return "RETREAT"  # "handed over their weapons", "handed over control of the town"
    if lemma in CANCELLING and _objects(token) & MEETINGS and kind in ("CONCEDE", "RETREAT", "AGREE", "PROTEST"):
        return "SANCTION"  # "cancelled the talks", "pulled out of the negotiations"
    if lemma in WITHDRAWING and _presence_leaves(token):
        return "SANCTION"
    putting_out = lemma in PUTTING_OUT and any(child.lower_ == "out" for child in token.children)
    if putting_out and _objects(token, direct=True) & FIGHTERS:
        return "ASSAULT"  # "pushed the rebels out of the town"
    if lemma in EXPELLING or putting_out:
        return "SANCTION" if _presence_leaves(token) else "COERCE"
    return kind

def _air_strikes(token: Token) -> bool:
    return any(child.dep_ == "dobj" and child.lemma_.lower() == "strike" and any(
        grand.lower_ in ("air", "missile", "drone") for grand in child.children) for child in token.children)


def _objects(token: Token, direct: bool = False) -> set[str]:
    """Lemmas of the object's head (or of a prepositional object's: "pulled out of the talks")."""
    found = set()
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            found.add(child.lemma_.lower())
        if child.dep_ in ("prep", "prt") and not (direct and child.dep_ == "prep"):
            for grand in child.children:
                if grand.dep_ == "pobj":
                    found.add(grand.lemma_.lower())
                if grand.dep_ == "prep":
                    found |= {item.lemma_.lower() for item in grand.children if item.dep_ == "pobj"}
    return found

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


# Cues the clause decides: what a verb's object (or subject) makes of it.

NO_EVENT = EventCue("", None)  # the word is no event in its clause
PROTEST_CUE = EventCue("PROTEST", None)
RELATIONS = frozenset({"relation", "tie", "relations", "ties", "cooperation", "co-operation", "friendship",
                       "partnership", "contact", "link"})
RELATIONS_CUES = {  # "established diplomatic relations", "broke relations"
    **dict.fromkeys(("establish", "restore", "resume", "renew", "normalise", "normalize", "improve", "strengthen",
                     "forge", "upgrade", "reestablish", "re-establish", "reinforce", "expand", "deepen", "boost",
                     "enhance", "develop", "promote"), EventCue("SUPPORT", None)),
    **dict.fromkeys(("break", "sever", "cut", "suspend", "freeze", "downgrade"), EventCue("SANCTION", "withdraw")),
}
PROTESTERS = frozenset({"demonstrator", "protester", "protestor", "marcher", "striker", "rioter", "picketer"})
CIVIL_SECTORS = frozenset({"CVL", "EDU", "LAB", "AGR", "REL", "BUS", "MED", "REF", "JRN", "OPP"})
CIVIL_GROUPS = frozenset({"supporter", "miner", "teacher", "woman", "monk", "trader", "driver", "trucker", "squatter"})
RIOT_CONTROL = frozenset({"gas", "teargas", "tear-gas", "cannon", "bullet", "baton", "truncheon"})
OBSERVING = frozenset({"observe", "respect", "honor", "honour", "abide", "hold", "obey", "heed", "implement"})
CAPTIVES = frozenset({"hostage", "captive", "shield", "prisoner"})  # "held them as human shields"
ADMITTED = frozenset({"observer", "inspector", "monitor", "peacekeeper", "observers", "inspectors", "monitors",
                      "peacekeepers"})  # "received a mission of observers" lets them in
TRUCES = frozenset({"ceasefire", "cease-fire", "truce", "armistice"})
HANDED_BACK = frozenset({"prisoner", "hostage", "detainee", "captive", "body", "remains", "refugee", "pow",
                         "territory", "land", "island", "property"})
LAUNCHED = frozenset({"missile", "rocket", "satellite", "projectile", "warhead", "weapon", "probe", "bomb", "device"})
DEALS = frozenset({"deal", "agreement", "accord", "bargain", "compromise", "pact"})
ALLOWING = frozenset({"allow", "permit", "let", "admit"})
DECLARING = frozenset({"declare", "announce", "proclaim", "call"})
ENVOYS = frozenset({"mission", "envoy", "delegation", "emissary", "representative", "mediator", "negotiator"})
REOPENED = {**dict.fromkeys(("embassy", "consulate", "mission", "office"), EventCue("SUPPORT", None)),
            **dict.fromkeys(("border", "crossing", "airport", "road", "frontier", "port", "airspace"),
                            EventCue("CONCEDE", None))}
CLAUSE_LEMMAS = frozenset({*RELATIONS_CUES, "take", "state", "strike", "test", "conduct", "carry", "return", "vote",
                           "fire", *OBSERVING, "receive", "meet", "call", *TRUCES, *SENDING, "reopen", "re-open",
                           *ALLOWING, "accept", "welcome"})  # the words ``clause_cue`` may decide
FILTER_LEMMAS = (*RELATIONS_CUES, *PROTESTERS, "reopen")  # no cue words of their own: the sentence filter must know them


def clause_cue(token: Token) -> EventCue | None:
    """The cue the word's clause makes of it: ``None`` leaves it to the lexicon, ``NO_EVENT`` none."""
    lemma = token.lemma_.lower()
    if lemma not in CLAUSE_LEMMAS:
        return None
    objects = {child.lemma_.lower() for child in token.children if child.dep_ == "dobj"}
    if lemma in RELATIONS_CUES and _objects(token, direct=True) & RELATIONS:
        return RELATIONS_CUES[lemma]
    if lemma == "take" and _to_the_streets(token):
        return PROTEST_CUE  # "took to the streets"
    if lemma == "take" and {"hostage", "captive"} & _object_lemmas(token):
        return EventCue("COERCE", "abduct")  # "took dozens of hostages"
    if lemma == "state" and any(grand.lower_ == "emergency" for child in token.children for grand in child.children):
        return EventCue("COERCE", "restrict")  # "declared a state of emergency"
    if lemma == "strike" and token.pos_ == "VERB" and objects:
        return EventCue("AGREE", None) if objects & DEALS else EventCue("ASSAULT", None)  # "jets struck positions"
    if lemma in ("test", "conduct", "carry") and objects & LAUNCHED:
        return EventCue("MOBILIZE", "weapons-test")  # "tested a missile"
    if lemma == "return" and token.pos_ == "VERB" and _objects(token, direct=True) & HANDED_BACK:
        return EventCue("RETREAT", "return")  # "returned the bodies of two soldiers"
    if lemma == "vote" and token.pos_ == "VERB":
        return _vote_cue(token) or NO_EVENT  # "voted for the resolution"; "voted to impose" is the imposing
    if lemma == "fire" and objects & RIOT_CONTROL:
        return EventCue("COERCE", None)  # "fired tear gas at the demonstrators"
    if lemma in OBSERVING and _observes_ceasefire(token):
        return EventCue("RETREAT", "ceasefire")  # "observed the ceasefire", "the truce held"
    if lemma in ("receive", "meet") and objects & HANDED_BACK:
        return NO_EVENT  # "received 20 freed prisoners" is no meeting
    if lemma in ("receive", "accept", "admit", "welcome") and _object_lemmas(token) & ADMITTED:
        return EventCue("RETREAT", "access")  # "received a mission of observers": their entry is allowed
    if lemma == "hold" and token.pos_ == "VERB" and _objects(token) & CAPTIVES:
        return EventCue("COERCE", "abduct")  # "held them hostage", "holding refugees as human shields"
    if lemma == "call" and not _calls_for_something(token):
        return NO_EVENT  # "called the attack barbaric", "called a general strike" (through the object)
    if lemma in TRUCES and token.dep_ == "dobj" and token.head.lemma_.lower() in DECLARING:
        return EventCue("CONCEDE", "ceasefire")  # the codebook: a declared (not observed) ceasefire concedes
    return _sent_or_admitted(token, lemma, objects)


def _sent_or_admitted(token: Token, lemma: str, objects: set[str]) -> EventCue | None:
    if lemma in SENDING and objects & ENVOYS:
        return EventCue("CONSULT", "visit")  # "sent an envoy to Haiti"
    if lemma in SENDING and objects & FORCES:
        return EventCue("MOBILIZE", "troops")  # "moved two divisions to the border", "sent warships"
    if lemma in ("reopen", "re-open") and objects & REOPENED.keys():
        return REOPENED[min(objects & REOPENED.keys())]  # "reopened its embassy", "reopened the border"
    if lemma in ALLOWING and _allows_presence(token):
        return EventCue("RETREAT", "access")  # "allowed UN peacekeepers to enter"
    return None


def launches_nothing(token: Token) -> bool:
    """"launched a missile" shows force; "launched an appeal" or "a campaign" does not by itself."""
    return token.lemma_.lower() == "launch" and token.pos_ == "VERB" and not any(
        child.dep_ == "dobj" and child.lemma_.lower() in LAUNCHED for child in token.children)


def _allows_presence(token: Token) -> bool:
    """"allowed UN peacekeepers to enter", "let Red Cross workers into the camp"."""
    admitted = [child for child in token.children if child.dep_ == "dobj"]
    admitted += [grand for child in token.children if child.dep_ in ("ccomp", "xcomp")
                 for grand in child.children if grand.dep_ == "nsubj"]
    return any(item.lemma_.lower() in PRESENCE for item in admitted)


def _observes_ceasefire(token: Token) -> bool:
    """The codebook's RETREAT: "observing a ceasefire" (its object, or "the truce held")."""
    held = [child for child in token.children if child.dep_ in ("dobj", "nsubj")]
    held += [grand for child in token.children if child.dep_ == "prep" for grand in child.children
             if grand.dep_ == "pobj"]
    return any(item.lemma_.lower() in TRUCES or item.lower_ in TRUCES for item in held)


def _vote_cue(token: Token) -> EventCue | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "against":
            return EventCue("REJECT", None)
        if child.dep_ == "prep" and (child.lower_ == "for" or any(grand.lower_ in ("favour", "favor")
                                                               for grand in child.children)):
            return EventCue("SUPPORT", None)
    return None


def _object_lemmas(token: Token) -> set[str]:
    """The object's lemma, or what a quantity counts ("dozens of hostages")."""
    found = set()
    for child in token.children:
        if child.dep_ == "dobj":
            found.add(child.lemma_.lower())
            found |= {grand.lemma_.lower() for prep in child.children if prep.dep_ == "prep" and prep.lower_ == "of"
                      for grand in prep.children if grand.dep_ == "pobj"}
    return found


def _calls_for_something(token: Token) -> bool:
    """"called for", "called on X to", "called X to": a request; "called the decision a mistake" none."""
    return any((child.dep_ == "prep" and child.lower_ in ("for", "on", "upon")) or child.dep_ in ("xcomp", "ccomp")
               or child.dep_ == "prt" for child in token.children)


def _to_the_streets(token: Token) -> bool:
    return any(child.dep_ == "prep" and child.lower_ == "to" and any(
        grand.lemma_.lower() in ("street", "streets") for grand in child.children) for child in token.children)


# Protests: the codebook's exception to DEMAND, and force used by protesters.

def as_protest(cue: EventCue, token: Token, reported: bool, actor_tokens: list[Token]) -> EventCue:
    """Demands made by demonstrating ("thousands marched ... demanding reforms"), protesters' force
    and civilians' occupations are PROTEST; a crowd's reported words stay what they are."""
    if reported or not actor_tokens or cue.type not in ("REQUEST", "COERCE", "ASSAULT"):
        return cue
    ids = {item.i for item in actor_tokens}
    heads = [item for item in actor_tokens if item.head.i == item.i or item.head.i not in ids]
    head = heads[0] if heads else actor_tokens[0]
    civil = is_crowd(actor_tokens) or _civil_group(head)
    demanding = cue.type == "REQUEST" and token.dep_ in ("advcl", "xcomp", "conj")
    if {head.lemma_.lower(), head.lower_} & PROTESTERS or (demanding and civil) or (cue.type == "COERCE" and civil):
        return PROTEST_CUE
    return cue


def protesters_act(root: Token) -> bool:
    """"Demonstrators threw stones at police": what protesters do, with no cue word, is a protest."""
    subjects = [child for child in root.children if child.dep_ == "nsubj"]
    return root.pos_ == "VERB" and bool(subjects) and (
        subjects[0].lemma_.lower() in PROTESTERS or subjects[0].lower_.rstrip("s") in PROTESTERS)


def _civil_group(head: Token) -> bool:
    """"students", "workers", "farmers", "opposition supporters": people, not a state's organs."""
    if head.tag_ not in ("NNS", "NNPS"):
        return False
    sector = sector_words().get(head.lemma_.lower()) or sector_words().get(head.lower_)
    return sector in CIVIL_SECTORS or head.lemma_.lower() in CIVIL_GROUPS
