"""预审: the system checks every draft before the legal adviser reads it (issue 7).

Dependencies point one way: prereview reads cms, review and search; none of them imports
prereview. Review's legality-review page shows the findings through Wagtail hooks
(``review_legal_task_panels`` / ``review_legal_task_conclusion``) this app registers.
"""
