"""法治政府建设年度报告: statistics from the records, drill-down, charts and exports."""
