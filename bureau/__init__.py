"""设置本局与演示数据: the top layer, which may call every app below it.

``setup_bureau`` (a production install: the site tree, role groups, workflows and
pre-review rules, each from the app that owns it) and ``load_demo`` (the demo bureau,
``bureau.demo``) are its management commands.
"""
