from django.dispatch import Signal

#: Sent after commit when a legal opinion is signed; ``opinion`` is the LegalOpinion.
opinion_issued = Signal()
