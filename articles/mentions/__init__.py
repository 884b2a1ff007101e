"""Finding who and what an article talks about, and the dated recall facts it reports.

One ``Matcher`` is built per import run from every official's name and aliases and every
effort's targets and title; scanning an article then costs the same whatever the number
of officials (a dictionary of folded token n-grams, looked up at each word).

Names are compared folded: accents stripped, case folded, possessive 's dropped,
honorifics ("Mr.", "Gov.") skipped. A full name links its official. A bare surname links
only when the article also names that official in full, or when the official's aliases
list that surname and no one else has it, and never when it follows another first name
("Kristen Bell" is not "Wesley Bell"). A first name spelled a little differently
("Chessa Boudin") is accepted with rapidfuzz only when it is close to one candidate and
clearly closer than to any other.
"""
