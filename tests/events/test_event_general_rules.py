"""General PLOVER rules: wider lexicons, phrasal and light verbs, what an object makes of a verb,
protests by crowds, and actors coded from names, places and hyphenated country words."""

import pytest



@pytest.mark.parametrize(
    ("sentence", "type_"),
    [
        # lexicon: codebook verbs and event nouns the first list lacked
        ("King Hassan of Morocco pardoned 400 political prisoners.", "CONCEDE"),
        ("The Sri Lankan navy sank three boats carrying rebels.", "ASSAULT"),  # irregular "sank"
        ("The junta unbanned the opposition party.", "CONCEDE"),  # the model's lemma is "unbanne"
        ("Tehran refuted the charges on Sunday.", "REJECT"),
        ("The French government filed a complaint against Iran.", "ACCUSE"),
        ("The Kremlin said it would not recognise the breakaway republic.", "REJECT"),  # British spelling
        # phrasal verbs, compounds, hyphenated words
        ("Cuban leader Fidel Castro lashed out at the United States.", "ACCUSE"),
        ("Tehran turned down an offer of mediation from Turkey.", "REJECT"),
        ("Milosevic ruled out any compromise on Kosovo.", "REJECT"),
        ("India test-fired a nuclear-capable missile on Sunday.", "MOBILIZE"),
        ("Thousands of Albanians took to the streets of Tirana.", "PROTEST"),
        ("The Thai government declared a state of emergency in the south.", "COERCE"),
        # relations, access, ceasefires
        ("The Vatican has established diplomatic relations with Israel.", "SUPPORT"),
        ("Relations between Iran and Saudi Arabia were restored in 1991.", "SUPPORT"),
        ("Indonesia allowed UN peacekeepers to enter East Timor.", "RETREAT"),
        ("Both sides have observed the ceasefire since Monday.", "RETREAT"),
        # the object decides
        ("Iraq moved two divisions to the Kuwaiti border.", "MOBILIZE"),
        ("China sent warships to the Taiwan Strait.", "MOBILIZE"),
        ("Japan sent food and blankets to the earthquake victims.", "AID"),
        ("The government released $20 million in aid to flood victims.", "AID"),
        ("Opposition parties called off their general strike.", "CONCEDE"),
        ("Iraq pulled out of the talks on Monday.", "SANCTION"),
        ("The United States banned imports from Iran.", "SANCTION"),
        ("The World Bank approved a $100 million loan to Ghana.", "AID"),
        ("Police in Lagos fired tear gas at thousands of demonstrators.", "COERCE"),
        ("The Security Council voted to impose an arms embargo on Liberia.", "SANCTION"),
        ("Russia voted against the resolution on Iraq.", "REJECT"),
        ("Israeli jets struck Hezbollah positions in southern Lebanon.", "ASSAULT"),  # "strike" with an object
        ("Thousands of miners struck in Romania.", "PROTEST"),
        ("The two sides struck a deal on Friday.", "AGREE"),
        ("Pakistan conducted a nuclear test on Thursday.", "MOBILIZE"),
        ("Iran returned the bodies of 200 Iraqi soldiers.", "RETREAT"),
        ("Eighty UN peacekeepers were shipped out of the enclave.", "SANCTION"),  # a presence leaves
        ("Moroccan police broke up a demonstration by unemployed graduates.", "COERCE"),
        ("Chechen fighters took dozens of hostages in a hospital.", "COERCE"),  # what the quantity counts
        ("Ethiopian troops crossed into Somalia and seized the border town of Dolo.", "ASSAULT"),  # territory
        ("Indian and Pakistani officials ended two days of talks without agreement.", "CONSULT"),  # no agreement
        ("Despite international pressure, Pakistan tested five nuclear devices.", "MOBILIZE"),
        ("The Organization of American States has sent a mission to Haiti.", "CONSULT"),  # an envoy, no aid
        ("Nepal's Maoist rebels declared a unilateral ceasefire on Sunday.", "CONCEDE"),  # declared, not observed
        ("The Russian army halted its offensive in Chechnya.", "RETREAT"),  # ending active conflict
        ("NATO suspended air strikes against Serb positions.", "RETREAT"),
        ("The United States halted aid to Pakistan.", "SANCTION"),
        ("Britain reopened its embassy in Tehran.", "SUPPORT"),
        ("Israel reopened the border crossings with Gaza.", "CONCEDE"),
        # an intention to act with force is a threat
        ("Rebels vowed to retaliate against the army.", "THREATEN"),
        # protests: crowds demanding, protesters using force, a government's diplomatic protest
        ("Thousands of workers marched through Warsaw demanding higher wages.", "PROTEST"),
        ("Tens of thousands of Albanians poured into the streets of Tirana demanding new elections.", "PROTEST"),
        ("Demonstrators threw stones at police in Gaza.", "PROTEST"),
        ("The Japanese government on Friday protested to China over its nuclear test.", "ACCUSE"),
    ],
)
def test_event_type(coded, sentence, type_):
    assert coded(sentence).type == type_


def test_launching_an_appeal_shows_no_force(coder, coded):
    event = coder.code_sentence("The ruling party launched a campaign to discredit the opposition.")
    assert event is None or event.type != "MOBILIZE"
    assert coded("North Korea launched a ballistic missile on Friday.").type == "MOBILIZE"


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Hundreds of thousands of people blocked streets in Jakarta in defiance of Chinese pressure.", "IDN"),
        ("Gunmen ambushed a bus carrying Israeli tourists near Cairo.", "EGY"),  # where it happened
        ("Police in Lagos arrested 30 opposition supporters.", "NGA"),  # a city
        ("U.S.-led forces bombed targets in southern Iraq on Sunday.", "USA"),
        ("Pro-Iranian guerrillas in Lebanon attacked an Israeli patrol.", "LBN"),  # "pro-" names none
        ("Syrian-backed militiamen shelled Christian neighbourhoods of Beirut.", "LBN"),  # "-backed" neither
        ("Angolan President Jose Eduardo dos Santos met Nelson Mandela in Pretoria.", "AGO"),  # name parsed apart
        ("President Yoweri Museveni accused Sudan of arming the rebels.", "UGA"),  # a leader's name
        ("The Soviet Union withdrew its last troops from Afghanistan.", "RUS"),
        ("Yugoslav army jets bombed the Croatian town of Vukovar.", "SRB"),
        ("Pope John Paul II praised the Polish trade union.", "VAT"),
        ("The International Monetary Fund suspended loans to Kenya.", "IGO"),
        ("Greek Cypriots demonstrated along the cease-fire line.", "CYP"),
        ("Bonn has protested to Prague over the treatment of Sudeten Germans.", "DEU"),
        ("Peacekeepers were withdrawn from Somalia.", "IGO"),  # the ones withdrawn are the ones leaving
        # names of several words, each word looked up as the possible start of a longer alias
        ("The United Arab Emirates recalled its ambassador from Doha.", "ARE"),
        ("Bosnia and Herzegovina's president met the envoy in Sarajevo.", "BIH"),
        ("The Central African Republic's army attacked rebel positions.", "CAF"),
        ("New Zealand's prime minister criticised the French nuclear tests.", "NZL"),
    ],
)
def test_actor_country(coded, sentence, actor):
    assert coded(sentence).actor.code == actor


def test_an_exchange_named_by_a_passive_subject_gives_both_parties(coded):
    event = coded("The visit by the Chinese premier to India was postponed.")
    assert (event.type, event.actor.code) == ("SANCTION", "CHN")


def test_an_objection_drawn_from_others_is_theirs(coded):
    event = coded("France's decision to resume nuclear testing drew protests from Japan and Australia.")
    assert (event.type, event.actor.code, event.recipient.code) == ("ACCUSE", "JPN", "FRA")


@pytest.mark.parametrize(
    ("sentence", "actor_code"),
    [
        ("The GIA claimed responsibility for the bombing in Algiers.", "DZA"),
        ("The IRA announced a ceasefire on Wednesday.", "GBR"),
        ("Ira Goldstein accused the city council of corruption.", None),  # a given name, not the IRA
        ("President Bush threatened further action against Russia.", "USA"),  # not the recipient's country
    ],
)
def test_an_alias_written_with_capitals_names_its_actor_only_when_so_written(coded, sentence, actor_code):
    assert coded(sentence).actor.code == actor_code


@pytest.mark.parametrize(
    ("sentence", "recipient"),
    [
        ("Egypt demanded that Israel halt the construction of settlements near Gaza.", "ISR"),
        ("The European Union repeated its demand that Serbia withdraw its troops from Bosnia.", "SRB"),
    ],
)
def test_a_demand_in_a_that_clause_is_addressed_to_the_clause_subject(coded, sentence, recipient):
    event = coded(sentence)
    assert (event.type, event.recipient.code) == ("REQUEST", recipient)


def test_a_militant_network_is_coded_img_and_lends_no_country(coded):
    threat = coded("Al-Qaeda threatened new attacks against Saudi Arabia.")
    assert (threat.actor.code, threat.actor.sector, threat.recipient.code) == ("IMG", "REB", "SAU")
    attack = coded("Gunmen loyal to Yemen's al-Qaeda leader tried to assassinate the defence minister.")
    assert attack.recipient.code == "YEM"



@pytest.mark.parametrize(
    ("sentence", "type_"),
    [
        ("Army helicopters evacuated the wounded from the besieged town.", "AID"),  # rescues, not a withdrawal
        ("The government forced the aid agency out of the country.", "SANCTION"),  # ends a presence
        ("Police drove the squatters out of the building.", "COERCE"),
        ("Government troops drove the rebels out of the town.", "ASSAULT"),  # by force of arms
        ("The militia has been holding villagers as human shields.", "COERCE"),
        ("Belarus received a team of inspectors from the IAEA.", "RETREAT"),  # their entry allowed
        ("Students staged rallies in the capital against the president, saying he must resign.", "PROTEST"),
    ],
)
def test_what_the_clause_makes_of_the_verb(coded, sentence, type_):
    assert coded(sentence).type == type_


def test_a_press_release_releases_no_one(coder):
    assert coder.code_sentence("The ministry issued a press release about the economy on Monday.") is None


def test_forces_engaged_in_fighting_are_its_actor_not_its_victims(coded):
    event = coded("Chadian troops were involved in heavy fighting with rebels in Darfur.")
    assert (event.type, event.actor.code, event.actor.sector) == ("ASSAULT", "TCD", "MIL")


def test_insisting_in_the_subjunctive_is_a_demand_and_in_the_indicative_none(coder, coded):
    demand = coded("Turkey insisted that Sweden extradite the suspects.")
    assert (demand.type, demand.actor.code, demand.recipient.code) == ("REQUEST", "TUR", "SWE")
    assert coded("The minister insisted the sanctions be lifted.").type == "REQUEST"
    assert coder.code_sentence("Iran insisted that its nuclear programme was peaceful.") is None
