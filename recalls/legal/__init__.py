"""The legal clock: signature requirements and deadlines computed from a state's recall law.

The law is data (``rules/<state>.yaml``, one file per state, each rule with its section and
the statute's words); ``rules`` loads and checks it, ``calculator`` applies it to an effort's
cited inputs (``recalls.models.LegalInput``). See docs/LEGAL_CLOCK.md.
"""
