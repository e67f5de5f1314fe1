"""Who may download an attachment (附件) served at ``/documents/<id>/<filename>``.

One rule behind the download view (``before_serve_document`` in cms.wagtail_hooks) and the
stock ``files/`` API:

- **public** (anyone, anonymous too): the files the portal shows — attached to, or linked
  from the text of, a live normative document that no view restriction covers
  (``public_documents()``, the portal's own list). A live page's rows are its published
  version: Wagtail's page editor saves the form with ``commit=not page.live``, so a draft
  of a live page lives in its revision only, and a file added there is not public until
  that draft is published. Also, while a draft is open for public comment, the files
  attached to or linked from the text its consultation page shows (征求意见稿的附件).
  Decision-list evidence (佐证材料) is never public: the portal and the API say only
  whether it exists.
- otherwise an **admin user who may see an item holding the file**, in its rows or in any
  of its revisions (what is in review, and earlier versions an opinion judged): the
  bureau-wide roles (法律顾问、局办公室、局领导、管理员) and superusers see every item; a
  drafter the items of their department — pages through Wagtail's page permissions on the
  department's subtree, contracts through the contract snippet's department scoping,
  decision-list evidence through the item's 承办单位.
- and whoever may edit the file in Wagtail's document library (collection permissions):
  that is the only rule for a file no item holds yet (just uploaded).

A file belongs to departments (``departments_of``): the department whose collection holds
it, and the departments of the items whose rows hold it. Only a file that belongs to no
other department is shared through an item: a drafter reads it through their own items,
and a consultation shows it to the public, only then; a file a contract or a decision
item holds (internal material) is never opened for comment. So a file id put into a row
by some path other than the forms (which accept only ``may_attach`` files) does not
become readable to anyone who could not read it before. A published document's files are
public: publication passed the review gate, which judged its attachments.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.models import Collection, Revision
from wagtail.permissions import policy_registry
from wagtail.rich_text import extract_references_from_rich_text

from cms import roles
from cms.consultations import DOCUMENT, OPEN, consultations
from cms.models import (
    PROCEDURES,
    Contract,
    ContractAttachment,
    DecisionItem,
    Department,
    DocumentAttachment,
    MajorDecisionListPage,
    NormativeDocumentPage,
)
from cms.permissions import contract_policy
from cms.selectors import public_documents

ADMIN_ACCESS = "wagtailadmin.access_admin"
EVIDENCE_FIELDS = [f"{code}_evidence" for code, _ in PROCEDURES]
DOCUMENT_LINK = 'linktype="document"'  # how Wagtail stores a rich-text link to a file
HOLDER_MODELS = (NormativeDocumentPage, MajorDecisionListPage, Contract)


def public_files(files=None):
    """The files anyone may download, narrowed from ``files`` (default: every file)."""
    pages = public_documents()
    files = get_document_model().objects.all() if files is None else files
    attached = DocumentAttachment.objects.filter(page__in=pages).values("file_id")
    return files.filter(
        Q(pk__in=attached) | Q(pk__in=_linked_from(pages)) | Q(pk__in=consultation_files())
    )


def consultation_files() -> set[int]:
    """Files of the drafts open for public comment: attached to, or linked from, the text
    the consultation page shows (the latest revision), while the window is open."""
    found: set[int] = set()
    for consultation in consultations(OPEN):
        if consultation.kind == DOCUMENT:
            text = consultation.text
            offered = {row.file_id for row in text.attachments.all()}
            offered |= linked_files(text.body)
            found |= {pk for pk in offered if _shareable(pk, text.department_id)}
    return found


def _shareable(file_id: int, department_id) -> bool:
    """May a draft of ``department_id`` open this file for public comment?"""
    model = get_document_model()
    file = model.objects.filter(pk=file_id).select_related("collection").first()
    if file is None or _is_internal(file_id):
        return False
    return departments_of(file) <= {department_id}


def _is_internal(file_id: int) -> bool:
    """Held by a contract or as a decision item's evidence: never published."""
    if ContractAttachment.objects.filter(file_id=file_id).exists():
        return True
    return DecisionItem.objects.filter(_as_evidence(file_id)).exists()


def holds_in_rows(file, *, live_only: bool = False) -> bool:
    """Do a document's, a contract's or a decision item's rows hold ``file``? With
    ``live_only``, only those of live items (published, or signed contracts)."""
    documents = NormativeDocumentPage.objects.filter(attachments__file=file)
    contracts = Contract.objects.filter(attachments__file=file)
    evidence = DecisionItem.objects.filter(_as_evidence(file.pk))
    if live_only:
        documents = documents.filter(live=True)
        contracts = contracts.filter(live=True)
        evidence = evidence.filter(decision_list__live=True)
    return documents.exists() or contracts.exists() or evidence.exists()


def _as_evidence(file_id) -> Q:
    found = Q()
    for name in EVIDENCE_FIELDS:
        found |= Q(**{f"{name}_id": file_id})
    return found


def departments_of(file) -> set[int]:
    """The departments ``file`` belongs to: its collection's (or an ancestor collection's)
    department, and those of the documents, contracts and decision items whose rows
    hold it. Empty for a bureau-level file (the root collection, held by nothing)."""
    found: set[int] = set()
    path = file.collection.path if file.collection_id else ""
    steps = Collection.steplen
    ancestors = [path[:end] for end in range(steps, len(path) + 1, steps)]
    found |= set(
        Department.objects.filter(collection__path__in=ancestors).values_list("pk", flat=True)
    )
    found |= set(
        NormativeDocumentPage.objects.filter(attachments__file=file).values_list(
            "department_id", flat=True
        )
    )
    found |= set(
        Contract.objects.filter(attachments__file=file).values_list("department_id", flat=True)
    )
    evidence = DecisionItem.objects.filter(_as_evidence(file.pk))
    found |= set(evidence.values_list("lead_unit_id", flat=True))
    return found - {None}


def _linked_from(pages) -> set[int]:
    """Files linked from the text of ``pages`` (the body's 'document-link' feature)."""
    found: set[int] = set()
    for body in pages.filter(body__contains=DOCUMENT_LINK).values_list("body", flat=True):
        found |= linked_files(body)
    return found


def linked_files(body: str) -> set[int]:
    if DOCUMENT_LINK not in (body or ""):
        return set()
    model = get_document_model()
    return {
        int(object_id)
        for target, object_id, *_ in extract_references_from_rich_text(body)
        if target is model and str(object_id).isdigit()
    }


def is_public(file) -> bool:
    """``file`` in ``public_files()``, asked for one file: the attachment rows by index, and
    only bodies that mention its id are parsed (not every body that links some file)."""
    pages = public_documents()
    if DocumentAttachment.objects.filter(page__in=pages, file_id=file.pk).exists():
        return True
    if file.pk in _linked_from(pages.filter(body__contains=f'id="{file.pk}"')):
        return True
    return file.pk in consultation_files()


def may_download(user, file) -> bool:
    """May ``user`` (anonymous too) download ``file``?"""
    if is_public(file):
        return True
    if not (user.is_active and user.has_perm(ADMIN_ACCESS)):  # anonymous: never active
        return False
    library = policy_registry.get_by_type(get_document_model())
    if library.user_has_permission_for_instance(user, "change", file):
        return True
    if roles.sees_every_department(user):
        return next(holders_of(file), None) is not None
    return _through_own_items(user, file)


def may_attach(user, file) -> bool:
    """May ``user`` put ``file`` into an attachment row, a decision item's evidence or a
    text link? Only a file they may see: bureau-wide roles any file; a drafter their
    department's (its collection, or its items' files) and the published ones. A file
    that is public only because a draft is open for comment does not count."""
    if not (user.is_active and user.has_perm(ADMIN_ACCESS)):
        return False
    if roles.sees_every_department(user):
        return True
    library = policy_registry.get_by_type(get_document_model())
    if library.user_has_any_permission_for_instance(user, ["change", "choose"], file):
        return True
    pages = public_documents()
    if DocumentAttachment.objects.filter(page__in=pages, file_id=file.pk).exists():
        return True
    if file.pk in _linked_from(pages.filter(body__contains=f'id="{file.pk}"')):
        return True
    return _through_own_items(user, file)


def attachable_files(user, files=None):
    """``may_attach`` as a queryset narrowed from ``files`` (default: every file), without
    the files reached only through the user's items: what lists and choosers offer."""
    files = get_document_model().objects.all() if files is None else files
    if not (user.is_active and user.has_perm(ADMIN_ACCESS)):
        return files.none()
    if roles.sees_every_department(user):
        return files
    library = policy_registry.get_by_type(get_document_model())
    own = library.instances_user_has_any_permission_for(user, ["change", "choose"])
    pages = public_documents()
    published = DocumentAttachment.objects.filter(page__in=pages).values("file_id")
    return files.filter(
        Q(pk__in=own.values("pk")) | Q(pk__in=published) | Q(pk__in=_linked_from(pages))
    )


def _through_own_items(user, file) -> bool:
    """A drafter reads a file through an item of theirs that holds it, if the file belongs
    to no other department (``departments_of``)."""
    own = set(Department.objects.for_user(user).values_list("pk", flat=True))
    if not departments_of(file) <= own:
        return False
    return any(_may_see(user, holder, file) for holder in holders_of(file))


def holders_of(file):
    """Items holding ``file``: in their rows (live, or a never-published draft's), then in
    any of their revisions. Lazily, the rows first."""
    yield from NormativeDocumentPage.objects.filter(attachments__file=file).distinct()
    yield from Contract.objects.filter(attachments__file=file).distinct()
    as_evidence = Q()
    for name in EVIDENCE_FIELDS:
        as_evidence |= Q(**{f"items__{name}": file})
    yield from MajorDecisionListPage.objects.filter(as_evidence).distinct()
    # Then their revisions, newest first: what is in review, and what was reviewed before
    # (an opinion judges one version; the file may since have been replaced). Only
    # revisions whose stored JSON names the file as a "file" or an "…_evidence" value are
    # rebuilt into objects: rebuilding every revision would cost each staff download
    # milliseconds per revision at a province's scale. Both databases store the JSON with
    # Python's separators (``"file": 12,``); the object check below stays the rule.
    mention = rf'(file|_evidence)": {int(file.pk)}[,}}]'
    kinds = ContentType.objects.get_for_models(*HOLDER_MODELS).values()
    revisions = (
        Revision.objects.filter(content_type__in=kinds)
        .annotate(json=Cast("content", TextField()))
        .filter(json__regex=mention)
        .order_by("-pk")
    )
    for revision in revisions:
        item = revision.as_object()
        if file.pk in files_of(item):
            yield item


def files_of(item) -> set[int]:
    """Ids of the files ``item`` (a row or a revision's object) holds."""
    if isinstance(item, MajorDecisionListPage):
        return {pk for entry in item.items.all() for pk in _evidence_of(entry)}
    return {row.file_id for row in item.attachments.all()}


def _evidence_of(entry) -> set[int]:
    return {getattr(entry, f"{name}_id") for name in EVIDENCE_FIELDS} - {None}


def _may_see(user, holder, file) -> bool:
    """A drafter's view of one item: their department's only."""
    if isinstance(holder, Contract):
        return contract_policy.user_has_permission_for_instance(user, "view", holder)
    if holder.permissions_for_user(user).can_edit():  # the subtree's page permissions
        return True
    if isinstance(holder, MajorDecisionListPage):
        units = {e.lead_unit_id for e in holder.items.all() if file.pk in _evidence_of(e)}
        return Department.objects.for_user(user).filter(pk__in=units).exists()
    return False
