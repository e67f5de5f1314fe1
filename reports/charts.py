"""Charts of the report page, drawn by pygal as inline SVG.

Server-side on purpose: the bureau's intranet often has no internet, so no CDN script.
pygal writes labels as SVG text, which the browser renders in its own Chinese font (no
font is needed on the server); its optional tooltip script is switched off (``js=[]``).
Each bar or slice links to the drill-down list of the figure it shows.
"""

import pygal
from pygal.style import Style

from reports.figures import Chart, Section

FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    font_family=FONT,
    label_font_family=FONT,
    major_label_font_family=FONT,
    value_font_family=FONT,
    value_label_font_family=FONT,
    title_font_family=FONT,
    legend_font_family=FONT,
    tooltip_font_family=FONT,
    title_font_size=16,
    label_font_size=12,
    legend_font_size=12,
    value_font_size=12,
    colors=("#2e5d8a", "#c0392b", "#27864b", "#d38b0b", "#6c4f9c", "#1f8a8a", "#8a5a2e"),
)


def _config(chart_class, title: str, rows: int):
    return chart_class(
        title=title,
        style=STYLE,
        js=[],  # no script from the internet
        disable_xml_declaration=True,
        print_values=True,
        show_legend=chart_class is pygal.Pie,
        width=720,
        height=max(220, 48 * rows + 90) if chart_class is not pygal.Pie else 360,
        margin=12,
        truncate_label=-1,
        truncate_legend=-1,
        explicit_size=True,
    )


def render(chart: Chart, section: Section, url_of) -> str:
    """The chart as an SVG string; ``url_of(figure)`` gives each value's drill-down link."""
    shown = [section.figure(code) for code in chart.codes]
    shown = [fig for fig in shown if fig.value is not None]
    if chart.kind == "pie":
        shown = [fig for fig in shown if fig.value]
        if not shown:
            return ""
        graph = _config(pygal.Pie, chart.title, len(shown))
        for fig in shown:
            graph.add(
                f"{fig.label}（{fig.display}{fig.unit}）",
                [{"value": float(fig.value), "xlink": {"href": url_of(fig), "target": "_top"}}],
            )
        return graph.render(is_unicode=True)
    if not shown:
        return ""
    graph = _config(pygal.HorizontalBar, chart.title, len(shown))
    graph.x_labels = [fig.label for fig in shown]
    graph.add(
        "数量",
        [
            {
                "value": float(fig.value),
                "label": f"{fig.display}{fig.unit}",
                "xlink": {"href": url_of(fig), "target": "_top"},
            }
            for fig in shown
        ],
    )
    return graph.render(is_unicode=True)
