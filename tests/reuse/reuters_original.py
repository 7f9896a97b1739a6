"""A Reuters-style original written for the tests: the kind of wire story seed 003 could be spun from.

Written for this project (not the real Reuters text); seed 003's synonyms, garbled names and lost
quote lead-in are undone here.
"""

TEXT = """Sounding alarm on China, Japan and U.S. vow to cooperate more on defence

TOKYO/WASHINGTON (Reuters) - The United States and Japan on Friday expressed serious concern about the growing power of China and pledged to work together to counter attempts to destabilise the region, including new defence threats.

Comments from the two allies, in a joint statement following the virtual "two plus two" meeting of foreign and defence ministers, underscore how deepening worry about China - and rising tension over Taiwan - have led to Japan's expanding security role.

The joint statement said the ministers at their meeting voiced their concerns that China's efforts to "undermine the rules-based order" present "political, economic, military and technological challenges to the region and the world."

"They resolved to work together to deter and, if necessary, respond to destabilising activities in the region," the statement said.

The ministers also said they had "serious and ongoing concerns" about human rights issues in China's Xinjiang and Hong Kong regions, and stressed the importance of peace and stability across the Taiwan Strait.

While pacifist Japan maintains close economic ties with China, there is growing concern in Tokyo about a possible move by Beijing against democratic Taiwan.

"The statement is remarkably blunt in its language about China," said Daniel Russell, who served as Obama's top U.S. diplomat for Asia and is now with the Asia Society Policy Institute.

"In particular, the expression of a shared determination to respond, if necessary, to destabilising activities comes as a powerful expression of alliance solidarity and resolve."

Earlier, U.S. Secretary of State Antony Blinken said the two countries would sign a new defence cooperation agreement to counter emerging threats, including hypersonic and space-based capabilities.

The U.S.-Japan alliance "must not only strengthen the tools we have, but also develop new ones," Blinken said, pointing to Russia's military build-up near Ukraine, Beijing's "provocative" actions over Taiwan and North Korea's recent missile launch. North Korea this week launched a "hypersonic missile" that successfully hit a target, the North's Korean Central News Agency said.

After the meeting, Japanese Foreign Minister Yoshimasa Hayashi said Tokyo had made clear its plan to revise the National Security Strategy to fundamentally strengthen defence capabilities, which he said had strong backing from his American counterparts.

Prime Minister Fumio Kishida pledged in October to revise Japan's security strategy to consider "all options including the acquisition of so-called enemy base strike capabilities".

The Kishida government approved record defence spending, with a tenth straight annual increase in 2022.

While Japan's options for the use of force are practically limited, an emergency in Taiwan would be one possible scenario that Japan might consider threatening its survival, said Jeffrey Hornung, a Japan security policy expert at the Rand Corporation, a U.S.-funded think tank.

"There are no coded messages here," Hornung said.

"China is the challenge and they said it just as much, and then detailed all the ways the Alliance was determined to act to counter its destabilising activities."

Additional reporting by David Brunnstrom, Dan Whitcomb, Rami Ayyub, Ju Min Park, Kiyoshi Takenaka; Editing by David Dolan and Richard Boleyn

Our Standards: Thomson Reuters Trust Principles.
"""
