from wagtail import hooks

from background.panels import worker_status_panel


@hooks.register("construct_homepage_panels")
def background_worker_panel(request, panels):
    panel = worker_status_panel(request.user)
    if panel is not None:
        panels.insert(0, panel)


@hooks.register("register_log_actions")
def background_log_actions(actions):
    actions.register_action(
        "cms.validity_expired", "有效期届满，已失效", "有效期届满，标记为已失效"
    )
