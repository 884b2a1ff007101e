"""The SQL queries each public page may cost, whatever the size of the data.

The tests pin them (``django_assert_num_queries`` in tests/recalls/test_views.py and
tests/articles/test_views.py) and the benchmark (scripts/bench.py) reports each page's count
at newsroom scale against them: one home, so the two cannot drift apart. If a page needs a
query more on purpose, change it here and say why in the commit.
"""

# Pages that show an effort's status read the dated facts behind it ("as of …", and whether
# the outcome is no longer reported: recalls/staleness.py): its citations, its events and
# theirs, 3 queries (2 when no listed effort has an event); the home page also counts the
# efforts whose outcome is not reported (1).
# The lists, home and search read the ids of the efforts they show first (1) and load only
# those whose item is not cached (recalls/items.py): the counts below are for a cold cache;
# with every item cached the page skips the effort rows and the fact queries.
PAGE_QUERIES = {
    "home": 11,
    "effort_list": 9,
    # +1 the legal clock's inputs (their citations +1 when there are any); +3 the signature
    # series, its citations and its edit history (the change log); +2 contests' reported
    # counts and their citations.
    "effort_detail": 20,
    "official_detail": 10,
    "official_list": 3,
    "election_detail": 10,  # +2: contests' reported counts and their citations
    "election_list": 2,
    "article_detail": 5,
    "article_list": 3,
    "search": 11,  # +2 the newest article's id and the matches above it (search_page.py)
}
