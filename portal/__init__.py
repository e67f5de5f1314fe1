"""The public portal (政府门户网站 pages): server-rendered, read-only but for comments.

Only live, public content is read here: never a draft (except a draft's latest revision
while it is open for public consultation, on its own consultation page), a contract or a
legal opinion. Everything rendered through ``base.html`` passes ``mask_personal_numbers``
as a last check; feeds mask their text themselves.
"""
